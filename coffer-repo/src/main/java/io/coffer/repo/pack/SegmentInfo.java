package io.coffer.repo.pack;

import io.coffer.repo.BlobType;

/**
 * Where one segment sits in its pack and which blobs it holds: blob i is {@code ids[32i, 32i+32)} with
 * length {@code lengths[i]}, at the sum of the earlier lengths inside the segment's plaintext.
 */
public record SegmentInfo(BlobType type, long offset, int storedLength, int plainLength, byte[] ids, int[] lengths) {

  public int blobCount() {
    return lengths.length;
  }
}
