package io.coffer.repo.tree;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Finding files with holes. The JDK reports no allocated size, so a file is a candidate when it has
 * at least one all-zero block (seen as it is read, {@link #watch}), and only then is asked with one
 * {@code stat} whether it occupies fewer bytes than its length. Files without zero blocks, nearly
 * all, cost nothing; a file whose zeros are really written is not made sparse on restore.
 */
public final class SparseFiles {

  /** Holes are found and left at this granularity, the page size of every Linux filesystem. */
  public static final int BLOCK = 4096;

  private SparseFiles() {}

  /** Counts the all-zero, block-aligned blocks of what is read through it. */
  public static final class ZeroBlockCounter extends FilterInputStream {
    private final byte[] block = new byte[BLOCK];
    private int filled;
    private long zeroBlocks;

    public ZeroBlockCounter(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      for (int i = 0; i < n; ) {
        int take = Math.min(n - i, BLOCK - filled);
        System.arraycopy(b, off + i, block, filled, take);
        filled += take;
        i += take;
        if (filled == BLOCK) {
          if (allZero(block, 0, BLOCK)) {
            zeroBlocks++;
          }
          filled = 0;
        }
      }
      return n;
    }

    public long zeroBlocks() {
      return zeroBlocks;
    }
  }

  /**
   * True when the file occupies fewer bytes on disk than its length ({@code stat -c %b}, 512-byte
   * units); false when that cannot be told.
   */
  public static boolean hasHoles(Path file, long length) {
    try {
      Process p = new ProcessBuilder("stat", "-c", "%b", "--", file.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return false;
      }
      return Long.parseLong(out) * 512 < length;
    } catch (IOException | NumberFormatException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static boolean allZero(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
