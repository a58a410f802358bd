package io.coffer.repo;

import java.util.List;

/**
 * The blobs a new data blob is stored against (format 3): the chunks that held its bytes' place in
 * the earlier backup's version of its file, with their plaintexts' lengths. See {@link BlobStore}.
 */
record References(List<BlobId> ids, List<Integer> lengths) {

  static final References NONE = new References(List.of(), List.of());

  References {
    if (ids.size() != lengths.size()) {
      throw new IllegalArgumentException(ids.size() + " references with " + lengths.size() + " lengths");
    }
  }

  boolean isEmpty() {
    return ids.isEmpty();
  }

  /** The plaintexts' total length. */
  long bytes() {
    long sum = 0;
    for (int l : lengths) {
      sum += l;
    }
    return sum;
  }
}
