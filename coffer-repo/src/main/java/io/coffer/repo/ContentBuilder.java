package io.coffer.repo;

import io.coffer.repo.manifest.Content;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Accumulates the blob ids of one stream or file in order and stores them as id-list meta blobs, so
 * memory per stream stays at 512 KiB (256 KiB in format 2) whatever the stream's size.
 *
 * <p>Lists end where the ids say, not at a fixed count: after an id whose low bits are zero (about one
 * in {@link #CUT_EVERY}, at least {@link #MIN_IDS} per list), or at {@link Content#IDS_PER_LIST}.
 * Ids are keyed hashes, so this cuts the id sequence the way the chunker cuts bytes: when a few
 * chunks in the middle of a stream change, or their number does, the lists before and after the
 * change end on the same ids as last time and dedup. With fixed-size lists every list after the
 * first changed chunk shifted and was stored again, 32 bytes per chunk of the whole rest of the
 * stream; at 4 KiB chunks that was about 2% of a database backup's stored size, per backup, whatever
 * changed. Readers take lists of any length. Format 2 applies the same rule to its 16-byte ids: the
 * last two bytes are those of the truncated id.
 */
final class ContentBuilder {

  private static final HexFormat HEX = HexFormat.of();
  /** Average ids per list (a power of two): 256 ids, 8 KiB lists (4 KiB in format 2). */
  static final int CUT_EVERY = 256;
  static final int MIN_IDS = 64;
  private final BlobStore store;
  private final Volume volume;
  /** Grows to {@link Content#IDS_PER_LIST} ids as needed: a tree writes one content per file, mostly small. */
  private final int idLength;
  private byte[] list;
  private final List<String> lists = new ArrayList<>();
  private int count;

  ContentBuilder(Volume volume, BlobStore store) {
    this.volume = volume;
    this.store = store;
    this.idLength = volume.format.idLength();
    this.list = new byte[Content.INLINE_MAX * idLength];
  }

  void add(BlobId id) throws IOException {
    int at = count * idLength;
    if (at == list.length) {
      list = java.util.Arrays.copyOf(list, Math.min(list.length * 2, Content.IDS_PER_LIST * idLength));
    }
    id.copyTo(list, at);
    count++;
    if (VolumeFormat.endsIdList(list, at + idLength, count, MIN_IDS, CUT_EVERY)) {
      flushList();
    }
  }

  Content finish() throws IOException {
    if (lists.isEmpty() && count <= Content.INLINE_MAX) {
      List<String> ids = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        ids.add(HEX.formatHex(list, i * idLength, (i + 1) * idLength));
      }
      return new Content(ids, null);
    }
    if (count > 0) {
      flushList();
    }
    return new Content(null, List.copyOf(lists));
  }

  private void flushList() throws IOException {
    int len = count * idLength;
    BlobId id = volume.hasher.hash(list, 0, len);
    store.store(BlobType.META, id, list, 0, len);
    lists.add(id.hex());
    count = 0;
  }
}
