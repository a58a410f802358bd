package io.coffer.repo.chunker;

/**
 * A run of whole chunks in one array: chunk i is {@code data[start(i), ends[i])}. Batches let the
 * pipeline hash and store chunks in parallel without copying each chunk out of the read buffer.
 */
public record Batch(byte[] data, int[] ends, int count) {

  public int start(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  public int length(int i) {
    return ends[i] - start(i);
  }

  public int bytes() {
    return count == 0 ? 0 : ends[count - 1];
  }
}
