package io.coffer.repo;

import io.coffer.repo.compress.Codec;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Collects the plaintext of the blobs of one segment before it is sealed, and for a {@link
 * BlobType#DELTA} segment the blobs it will be encoded against, each once, in the order first named.
 * Not thread-safe.
 */
final class SegmentBuilder {

  private final BlobType type;
  /** How the segment is compressed: trees' files and streams may have levels of their own. */
  private final Codec codec;
  private final byte[] data;
  private byte[] ids;
  private int idLength;
  private int[] lengths = new int[64];
  private int size;
  private int count;
  /** The segment's references, each with its place in their list. */
  private Map<BlobId, Integer> references;
  private long referenceBytes;
  /** The segments the references lie in (pack and offset): a reader decodes each to decode this one. */
  private final Set<String> referenceSegments = new HashSet<>();
  /** Per blob, the places of its references in their list. */
  private int[][] blobReferences;

  SegmentBuilder(BlobType type, Codec codec, int capacity) {
    this(type, codec, new byte[capacity]);
  }

  /** A segment that fills {@code buffer} (a recycled one; its old contents are overwritten). */
  SegmentBuilder(BlobType type, Codec codec, byte[] buffer) {
    this.type = type;
    this.codec = codec;
    this.data = buffer;
  }

  Codec codec() {
    return codec;
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

  /**
   * Gives the blob added last its references, adding them to the segment's (those it has count
   * once), and the segments they lie in ({@link #referenceSegmentsWith}).
   */
  void refer(References r, Collection<String> segments) {
    referenceSegments.addAll(segments);
    if (references == null) {
      references = new LinkedHashMap<>();
      blobReferences = new int[lengths.length][];
    }
    if (blobReferences.length < lengths.length) {
      blobReferences = Arrays.copyOf(blobReferences, lengths.length);
    }
    int[] places = new int[r.ids().size()];
    for (int i = 0; i < places.length; i++) {
      Integer place = references.get(r.ids().get(i));
      if (place == null) {
        place = references.size();
        references.put(r.ids().get(i), place);
        referenceBytes += r.lengths().get(i);
      }
      places[i] = place;
    }
    blobReferences[count - 1] = places;
  }

  /** Per blob, the places of its references in {@link #referenceIds()} (none for a blob given none). */
  int[][] blobReferences() {
    int[][] out = new int[count][];
    for (int j = 0; j < count; j++) {
      out[j] = blobReferences != null && j < blobReferences.length && blobReferences[j] != null ? blobReferences[j] : new int[0];
    }
    return out;
  }

  long referenceBytes() {
    return referenceBytes;
  }

  /** How many segments the references would lie in with references in {@code more} added (each counted once). */
  int referenceSegmentsWith(Collection<String> more) {
    Set<String> added = new HashSet<>(more);
    added.removeAll(referenceSegments);
    return referenceSegments.size() + added.size();
  }

  /** The references' ids concatenated, in the order first named. */
  byte[] referenceIds() {
    if (references == null) {
      return new byte[0];
    }
    int n = idLength == 0 ? references.keySet().iterator().next().length() : idLength;
    byte[] out = new byte[references.size() * n];
    int at = 0;
    for (BlobId id : references.keySet()) {
      id.copyTo(out, at);
      at += n;
    }
    return out;
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
