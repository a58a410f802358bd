package io.coffer.repo.pack;

import io.coffer.repo.CorruptDataException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints, the integers of format 2's pack headers and index files: seven bits a
 * byte, least significant group first, the high bit set on every byte but the last. A blob length of
 * 8 KiB takes 2 bytes where format 1 spent 4.
 */
public final class Leb128 {

  private Leb128() {}

  public static void write(ByteArrayOutputStream out, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varints are unsigned, got " + value);
    }
    while ((value & ~0x7fL) != 0) {
      out.write((int) (value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }

  /** Reads a varint of at most 63 bits; throws CorruptDataException on a longer or truncated one. */
  public static long read(ByteBuffer b) {
    long value = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      int x;
      try {
        x = b.get() & 0xff;
      } catch (BufferUnderflowException e) {
        throw new CorruptDataException("varint is truncated", e);
      }
      value |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return value;
      }
    }
    throw new CorruptDataException("varint is longer than 9 bytes");
  }

  /** A varint that must fit a non-negative int (a length, a count, an offset inside a pack). */
  public static int readInt(ByteBuffer b, String what) {
    long v = read(b);
    if (v > Integer.MAX_VALUE) {
      throw new CorruptDataException(what + " " + v + " is out of range");
    }
    return (int) v;
  }
}
