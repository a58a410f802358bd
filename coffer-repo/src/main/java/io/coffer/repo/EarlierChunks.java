package io.coffer.repo;

import io.coffer.repo.index.Location;
import io.coffer.repo.manifest.Content;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chunks of a file's version in the earlier backup, by their place in the file: what a changed
 * chunk of the new version is stored against (format 3, {@link References}). A database file keeps
 * its pages where they were, so the chunk at a changed chunk's offset holds the page before the
 * change: a page whose row was updated differs in a few dozen bytes, which is what the new chunk then
 * costs instead of the whole page (docs/repository-format.md, "Version 3").
 *
 * <p>Loaded on the first question, since most files a level backup reads are new or unchanged
 * enough to dedup: the id lists of the earlier content, then each chunk's length from the index.
 * Memory: 16 + 8 bytes a chunk (ids and ends in two arrays); a version of more than {@link
 * #MAX_CHUNKS} chunks (8 GiB at 8 KiB chunks, 24 MiB of heap) offers no references. An earlier
 * chunk that is itself stored against references offers those instead, so references never lead to
 * references. At most {@link #MAX_PER_CHUNK} references a chunk. Not thread-safe: one per file, on
 * the tree's thread.
 */
final class EarlierChunks {

  static final int MAX_CHUNKS = 1 << 20;
  /** At most this many earlier chunks for one new chunk (a new chunk spans the old ones it overlaps). */
  static final int MAX_PER_CHUNK = 4;

  private final BlobReader reader;
  private final Content content;
  private int idLength;
  private byte[] ids;
  private long[] ends;
  private int count = -1;
  private final Map<BlobId, References> substitutes = new HashMap<>();

  EarlierChunks(BlobReader reader, Content content) {
    this.reader = reader;
    this.content = content;
  }

  /**
   * The earlier chunks that overlap {@code [offset, offset + length)} of the file, or {@link
   * References#NONE}; none at all once the earlier version turned out unreadable (a damaged earlier
   * backup must not fail this one: its chunks are then stored whole).
   */
  References at(long offset, int length) throws IOException {
    try {
      return overlapping(offset, length);
    } catch (CorruptDataException e) {
      count = 0;
      return References.NONE;
    }
  }

  private References overlapping(long offset, int length) throws IOException {
    if (count < 0) {
      load();
    }
    if (count == 0 || length <= 0 || offset >= ends[count - 1]) {
      return References.NONE;
    }
    int first = firstEndingAfter(offset);
    List<BlobId> refs = new ArrayList<>(2);
    List<Integer> lengths = new ArrayList<>(2);
    long end = offset + length;
    for (int i = first; i < count && i < first + MAX_PER_CHUNK; i++) {
      long start = i == 0 ? 0 : ends[i - 1];
      if (start >= end) {
        break;
      }
      BlobId id = BlobId.of(ids, i * idLength, idLength);
      Location l = reader.locate(id);
      if (l.type() == BlobType.DELTA) {
        References sub = substitute(id, l);
        for (int j = 0; j < sub.ids().size(); j++) {
          add(refs, lengths, sub.ids().get(j), sub.lengths().get(j));
        }
      } else {
        add(refs, lengths, id, l.length());
      }
    }
    return new References(refs, lengths);
  }

  private static void add(List<BlobId> refs, List<Integer> lengths, BlobId id, int length) {
    if (refs.size() < MAX_PER_CHUNK && !refs.contains(id)) {
      refs.add(id);
      lengths.add(length);
    }
  }

  /**
   * What an earlier chunk that is itself a change was stored against: the file's bytes at that place
   * one version further back, close to the new chunk's too.
   */
  private References substitute(BlobId id, Location l) throws IOException {
    References known = substitutes.get(id);
    if (known != null) {
      return known;
    }
    List<BlobId> refs = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    for (BlobId r : reader.referencesOf(l)) {
      Location rl = reader.locate(r);
      if (rl.type() != BlobType.DELTA && refs.size() < MAX_PER_CHUNK) {
        refs.add(r);
        lengths.add(rl.length());
      }
    }
    References sub = new References(refs, lengths);
    substitutes.put(id, sub);
    return sub;
  }

  private int firstEndingAfter(long offset) {
    int lo = 0;
    int hi = count - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ends[mid] > offset) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private void load() throws IOException {
    idLength = reader.format().idLength();
    List<byte[]> parts = new ArrayList<>();
    int n = 0;
    if (content.isInline()) {
      byte[] inline = new byte[content.ids().size() * idLength];
      for (int i = 0; i < content.ids().size(); i++) {
        reader.format().parseId(content.ids().get(i)).copyTo(inline, i * idLength);
      }
      parts.add(inline);
      n = content.ids().size();
    } else {
      for (String listId : content.lists()) {
        byte[] list = reader.read(reader.format().parseId(listId));
        reader.format().checkIdList(list, listId);
        n += list.length / idLength;
        if (n > MAX_CHUNKS) {
          count = 0;
          return;
        }
        parts.add(list);
      }
    }
    ids = new byte[n * idLength];
    ends = new long[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, ids, at, p.length);
      at += p.length;
    }
    long end = 0;
    for (int i = 0; i < n; i++) {
      end += reader.locate(BlobId.of(ids, i * idLength, idLength)).length();
      ends[i] = end;
    }
    count = n;
  }
}
