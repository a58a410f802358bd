package io.coffer.repo.tree;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finding files with holes. The JDK reports no allocated size, so a file is a candidate when it has
 * at least one all-zero block (seen as it is read, {@link ZeroBlockCounter}), and only then is
 * asked, with the other candidates of its directory in one {@code stat}, whether it occupies fewer
 * bytes than its length. Files without zero blocks, nearly
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
      int i = 0;
      while (i < n) {
        if (filled == 0 && n - i >= BLOCK) {
          // A whole block in the caller's buffer is checked where it lies: copying every byte
          // read into the block first was one more pass over everything a tree backup reads.
          if (allZero(b, off + i, BLOCK)) {
            zeroBlocks++;
          }
          i += BLOCK;
          continue;
        }
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
   * The files of {@code files} that occupy fewer bytes on disk than their length, asked with one
   * {@code stat -c '%b %s'} (512-byte blocks, length) per {@value #PER_STAT} files; a file that cannot
   * be told about is taken to have none.
   */
  public static Set<Path> withHoles(Collection<Path> files) {
    Set<Path> holes = new HashSet<>();
    List<Path> all = new ArrayList<>(files);
    for (int from = 0; from < all.size(); from += PER_STAT) {
      List<Path> batch = all.subList(from, Math.min(all.size(), from + PER_STAT));
      List<String> lines = run(stat(batch));
      // stat prints one line per file it could read, in order; with a file missing, the lines no
      // longer match the names, so the batch is asked again one file at a time.
      if (lines.size() != batch.size()) {
        for (Path f : batch) {
          List<String> one = run(stat(List.of(f)));
          if (one.size() == 1 && hasHoles(one.get(0))) {
            holes.add(f);
          }
        }
        continue;
      }
      for (int i = 0; i < batch.size(); i++) {
        if (hasHoles(lines.get(i))) {
          holes.add(batch.get(i));
        }
      }
    }
    return holes;
  }

  private static final int PER_STAT = 200;

  /** {@code stat} printing each file's 512-byte blocks and length, one line per file, in order. */
  private static List<String> stat(List<Path> files) {
    List<String> command = new ArrayList<>(List.of("stat", "-c", "%b %s", "--"));
    files.forEach(f -> command.add(f.toString()));
    return command;
  }

  private static boolean hasHoles(String line) {
    String[] parts = line.strip().split(" ");
    try {
      return parts.length == 2 && Long.parseLong(parts[0]) * 512 < Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The lines a command printed on standard output; none when it could not run or took too long. */
  private static List<String> run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return List.of();
      }
      return out.lines().toList();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** Compared with a block of zeros through the JDK's vectorised mismatch, not byte by byte. */
  static boolean allZero(byte[] b, int off, int len) {
    for (int at = 0; at < len; at += BLOCK) {
      int n = Math.min(BLOCK, len - at);
      if (Arrays.mismatch(b, off + at, off + at + n, ZEROS, 0, n) != -1) {
        return false;
      }
    }
    return true;
  }

  private static final byte[] ZEROS = new byte[BLOCK];
}
