package io.coffer.repo.pack;

import io.coffer.repo.BlobId;
import io.coffer.repo.BlobType;

/**
 * Where one segment sits in its pack and which blobs it holds: blob i is {@code ids[n·i, n·i+n)}, n
 * being the volume format's id length, with length {@code lengths[i]}, at the sum of the earlier
 * lengths inside the segment's plaintext.
 */
public record SegmentInfo(BlobType type, long offset, int storedLength, int plainLength, byte[] ids, int[] lengths) {

  public int blobCount() {
    return lengths.length;
  }

  /** Bytes of each id (0 for a segment without blobs). */
  public int idLength() {
    return lengths.length == 0 ? 0 : ids.length / lengths.length;
  }

  /** Where blob i's id starts in {@link #ids()}. */
  public int idOffset(int i) {
    return i * idLength();
  }

  public BlobId id(int i) {
    return BlobId.of(ids, idOffset(i), idLength());
  }
}
