package io.coffer.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds line ends in dump and COPY text, which drivers pass through a byte at a time otherwise: a
 * plain loop over the bytes ran at about a third of the speed of this search, and every byte of a
 * backup goes through it (the COPY rows of PostgreSQL, the lines of a MariaDB dump).
 */
public final class Newlines {

  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

  private Newlines() {}

  /**
   * The index of the first newline in {@code b[from, to)}, or -1. Eight bytes at a time: XOR with
   * newlines turns a newline byte into zero, and {@code (x - 0x01…) & ~x & 0x80…} flags zero bytes.
   * Bytes above a zero byte can be flagged falsely (a borrow), never bytes below one, so the lowest
   * flag, in little-endian order the first byte, is exact.
   */
  public static int next(byte[] b, int from, int to) {
    int i = from;
    for (; to - i >= Long.BYTES; i += Long.BYTES) {
      long x = (long) LONG_LE.get(b, i) ^ NEWLINES;
      long zeros = (x - ONES) & ~x & HIGH_BITS;
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
