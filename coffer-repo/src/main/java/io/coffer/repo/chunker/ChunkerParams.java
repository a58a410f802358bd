package io.coffer.repo.chunker;

/** Minimum, average and maximum chunk sizes of a volume, validated at init. */
public record ChunkerParams(int min, int avg, int max) {

  public static final ChunkerParams DEFAULT = new ChunkerParams(2 * 1024, 8 * 1024, 64 * 1024);
  /**
   * The files of trees: twice the streams' chunks. A scattered row change in a dump costs a chunk,
   * so streams keep 8 KiB; a changed page of a level's file is stored as its changes against the
   * earlier chunk whatever the chunk's size (volume format 3), and half the chunks are half the
   * per-chunk metadata of a data directory, ~0.7% of its stored size (docs/benchmarks.md).
   */
  public static final ChunkerParams TREES = new ChunkerParams(4 * 1024, 16 * 1024, 128 * 1024);
  public static final int LIMIT = 8 * 1024 * 1024;

  /** Chunks around an average of {@code avg}: the smallest a quarter of it, the largest eight times, as the defaults. */
  public static ChunkerParams around(int avg) {
    return new ChunkerParams(avg / 4, avg, (int) Math.min(LIMIT, 8L * avg));
  }

  public ChunkerParams {
    if (min < 64 || !(min < avg) || !(avg < max) || max > LIMIT) {
      throw new IllegalArgumentException(
          "chunk sizes must satisfy 64 B <= min < avg < max <= 8 MiB, got min=" + min + " avg=" + avg + " max=" + max);
    }
    if (Integer.bitCount(avg) != 1) {
      throw new IllegalArgumentException("chunk avg must be a power of two (e.g. 4K, 8K, 16K), got " + avg);
    }
  }
}
