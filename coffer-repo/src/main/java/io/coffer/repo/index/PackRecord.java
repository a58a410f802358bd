package io.coffer.repo.index;

import io.coffer.repo.pack.SegmentInfo;
import java.util.List;

/** A pack as an index file describes it: name, size and the segments with their blobs. */
public record PackRecord(String name, long size, List<SegmentInfo> segments) {

  public int blobCount() {
    return segments.stream().mapToInt(SegmentInfo::blobCount).sum();
  }
}
