package io.coffer.repo.chunker;

/** Minimum, average and maximum chunk sizes of a volume, validated at init. */
public record ChunkerParams(int min, int avg, int max) {

  public static final ChunkerParams DEFAULT = new ChunkerParams(2 * 1024, 8 * 1024, 64 * 1024);
  public static final int LIMIT = 8 * 1024 * 1024;

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
