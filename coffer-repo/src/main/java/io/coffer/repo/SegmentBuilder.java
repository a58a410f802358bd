package io.coffer.repo;

import java.util.Arrays;

/** Collects the plaintext of the blobs of one segment before it is sealed. Not thread-safe. */
final class SegmentBuilder {

  private final BlobType type;
  private final byte[] data;
  private byte[] ids;
  private int idLength;
  private int[] lengths = new int[64];
  private int size;
  private int count;

  SegmentBuilder(BlobType type, int capacity) {
    this(type, new byte[capacity]);
  }

  /** A segment that fills {@code buffer} (a recycled one; its old contents are overwritten). */
  SegmentBuilder(BlobType type, byte[] buffer) {
    this.type = type;
    this.data = buffer;
  }

  void add(BlobId id, byte[] src, int off, int len) {
    if (ids == null) {
      idLength = id.length();
      ids = new byte[lengths.length * idLength];
    }
    if (count == lengths.length) {
      lengths = Arrays.copyOf(lengths, count * 2);
      ids = Arrays.copyOf(ids, count * 2 * idLength);
    }
    id.copyTo(ids, count * idLength);
    lengths[count++] = len;
    System.arraycopy(src, off, data, size, len);
    size += len;
  }

  BlobType type() {
    return type;
  }

  byte[] data() {
    return data;
  }

  int size() {
    return size;
  }

  int count() {
    return count;
  }

  byte[] ids() {
    return count == 0 ? new byte[0] : Arrays.copyOf(ids, count * idLength);
  }

  int[] lengths() {
    return Arrays.copyOf(lengths, count);
  }
}
