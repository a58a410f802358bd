package io.coffer.repo.index;

import io.coffer.repo.BlobType;

/** Where a blob is: a segment of a pack, and the blob's place inside the segment's plaintext. */
public record Location(String pack, int segmentOffset, int segmentLength, int offsetInSegment, int length, BlobType type) {}
