package io.coffer.repo.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import io.coffer.repo.CorruptDataException;
import java.util.Arrays;

/**
 * Encodes a piece as one flag byte ({@code 0} raw, {@code 1} zstd) followed by the payload. zstd output
 * is kept when it saves at least 1% of the input, so incompressible data (already compressed or
 * encrypted columns) costs no decompression on restore. The bar was 3%, which stored raw the pages of
 * a PostgreSQL table of random bytea (zstd saves ~2.5% there: page and tuple headers) and made such a
 * PHYSICAL backup 3% larger than pgBackRest's; zstd keeps incompressible blocks inside a frame raw,
 * so a frame that saves little also decodes at close to copying speed. Thread-safe: one zstd context per thread,
 * because creating a context per call costs more than compressing a small segment.
 *
 * <p>zstd writes into a scratch array per thread, and only the compressed bytes are copied out: a
 * fresh worst-case array per segment was as many bytes of garbage as the backup read, and with the
 * other per-segment arrays it made a 256 MiB heap collect every few tens of MB.
 */
public final class Codec {

  public static final byte RAW = 0;
  public static final byte ZSTD = 1;

  /** zstd's output is kept when it is at least 1/MIN_SAVING smaller than the input. */
  private static final int MIN_SAVING = 100;

  private final int level;
  private final ThreadLocal<ZstdCompressCtx> compressors;
  private final ThreadLocal<byte[]> scratch;
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS = ThreadLocal.withInitial(ZstdDecompressCtx::new);

  private Codec(int level) {
    this.level = level;
    this.compressors = level > 0 ? ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(level)) : null;
    this.scratch = ThreadLocal.withInitial(() -> new byte[0]);
  }

  /** {@code level} 0 stores everything raw; 1–19 is a zstd level. */
  public static Codec zstd(int level) {
    if (level < 0 || level > 19) {
      throw new IllegalArgumentException("zstd level must be 1..19 (or 0 for none), got " + level);
    }
    return new Codec(level);
  }

  public static Codec none() {
    return new Codec(0);
  }

  public int level() {
    return level;
  }

  public byte[] encode(byte[] plain, int offset, int length) {
    if (compressors != null && length > 64) {
      int bound = (int) Zstd.compressBound(length);
      byte[] out = scratch.get();
      if (out.length < bound) {
        out = new byte[bound];
        scratch.set(out);
      }
      int n = compressors.get().compressByteArray(out, 0, bound, plain, offset, length);
      if (n < length - length / MIN_SAVING) {
        byte[] encoded = new byte[1 + n];
        encoded[0] = ZSTD;
        System.arraycopy(out, 0, encoded, 1, n);
        return encoded;
      }
    }
    byte[] out = new byte[1 + length];
    out[0] = RAW;
    System.arraycopy(plain, offset, out, 1, length);
    return out;
  }

  public byte[] encode(byte[] plain) {
    return encode(plain, 0, plain.length);
  }

  /** Decodes a piece produced by any Codec (the flag says how it was stored). */
  public static byte[] decode(byte[] encoded) {
    if (encoded.length > 0 && encoded[0] == RAW) {
      return Arrays.copyOfRange(encoded, 1, encoded.length);
    }
    byte[] out = new byte[decodedLength(encoded)];
    decode(encoded, out);
    return out;
  }

  /** The length of the piece {@code encoded} decodes to, from its flag and its zstd frame's header. */
  public static int decodedLength(byte[] encoded) {
    return decodedLength(encoded, encoded.length);
  }

  /** The same for a piece that is the first {@code length} bytes of {@code encoded}. */
  public static int decodedLength(byte[] encoded, int length) {
    if (length == 0) {
      throw new CorruptDataException("encoded piece is empty");
    }
    switch (encoded[0]) {
      case RAW:
        return length - 1;
      case ZSTD:
        long size = Zstd.getFrameContentSize(encoded, 1, length - 1);
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
          throw new CorruptDataException("zstd frame has no valid content size");
        }
        return (int) size;
      default:
        throw new CorruptDataException("unknown encoding flag " + encoded[0]);
    }
  }

  /**
   * Decodes {@code encoded} into the start of {@code out}, which holds at least {@link
   * #decodedLength} bytes (a reused array: nothing zeroes it first); returns that length.
   */
  public static int decode(byte[] encoded, byte[] out) {
    return decode(encoded, encoded.length, out);
  }

  /** The same for a piece that is the first {@code length} bytes of {@code encoded} (a reused array). */
  public static int decode(byte[] encoded, int length, byte[] out) {
    int size = decodedLength(encoded, length);
    if (out.length < size) {
      throw new IllegalArgumentException("an array of " + out.length + " bytes cannot hold " + size);
    }
    if (encoded[0] == RAW) {
      System.arraycopy(encoded, 1, out, 0, size);
      return size;
    }
    try {
      int n = DECOMPRESSORS.get().decompressByteArray(out, 0, size, encoded, 1, length - 1);
      if (n != size) {
        throw new CorruptDataException("zstd frame decoded to " + n + " bytes, expected " + size);
      }
      return size;
    } catch (RuntimeException e) {
      if (e instanceof CorruptDataException c) {
        throw c;
      }
      throw new CorruptDataException("zstd frame is damaged: " + e.getMessage(), e);
    }
  }
}
