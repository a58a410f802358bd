package io.coffer.repo.chunker;

import io.coffer.repo.crypto.IdHasher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * FastCDC with normalized chunking (level 2): nothing is cut before {@code min}; up to {@code avg} a
 * strict mask (more one-bits) makes cuts rarer, after it a loose mask makes them likelier, so sizes
 * cluster around {@code avg}; {@code max} forces a cut.
 *
 * <p>The hot loop is {@link #cut}: one shift, one add, one table load and one test per byte. The gear
 * table is derived from the volume's id key so cut points reveal nothing about content to someone
 * without the key. Masks sit in the high bits of the hash, which depend on the last 64 input bytes;
 * low bits would depend on only the last few.
 */
public final class FastCdc {

  private final long[] gear;
  private final int min;
  private final int avg;
  private final int max;
  private final long maskStrict;
  private final long maskLoose;

  public FastCdc(ChunkerParams params, long[] gear) {
    if (gear.length != 256) {
      throw new IllegalArgumentException("gear table must have 256 entries");
    }
    this.gear = gear.clone();
    this.min = params.min();
    this.avg = params.avg();
    this.max = params.max();
    int bits = Integer.numberOfTrailingZeros(avg);
    this.maskStrict = highBits(bits + 2);
    this.maskLoose = highBits(Math.max(1, bits - 2));
  }

  /** The gear table of a volume: 8 bytes of HMAC(id key, "coffer-gear" ‖ i) for each byte value i. */
  public static long[] gearTable(IdHasher hasher) {
    long[] g = new long[256];
    byte[] label = "coffer-gear".getBytes(StandardCharsets.US_ASCII);
    byte[] input = new byte[label.length + 1];
    System.arraycopy(label, 0, input, 0, label.length);
    for (int i = 0; i < 256; i++) {
      input[label.length] = (byte) i;
      g[i] = ByteBuffer.wrap(hasher.mac(input)).getLong();
    }
    return g;
  }

  public int max() {
    return max;
  }

  /**
   * Length of the next chunk of {@code data[offset, offset+length)}. The caller passes at least
   * {@code max} bytes unless the input ends, in which case the rest may be shorter.
   */
  public int cut(byte[] data, int offset, int length) {
    if (length <= min) {
      return length;
    }
    int n = Math.min(length, max);
    int normal = Math.min(avg, n);
    long h = 0;
    int i = min;
    final long[] g = gear;
    for (; i < normal; i++) {
      h = (h << 1) + g[data[offset + i] & 0xff];
      if ((h & maskStrict) == 0) {
        return i + 1;
      }
    }
    for (; i < n; i++) {
      h = (h << 1) + g[data[offset + i] & 0xff];
      if ((h & maskLoose) == 0) {
        return i + 1;
      }
    }
    return n;
  }

  private static long highBits(int n) {
    return -1L << (64 - n);
  }
}
