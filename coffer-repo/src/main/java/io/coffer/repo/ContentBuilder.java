package io.coffer.repo;

import io.coffer.repo.manifest.Content;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Accumulates the blob ids of one stream or file in order and stores them as id-list meta blobs, so
 * memory per stream stays at 512 KiB whatever the stream's size.
 *
 * <p>Lists end where the ids say, not at a fixed count: after an id whose low bits are zero (about one
 * in {@link #CUT_EVERY}, at least {@link #MIN_IDS} per list), or at {@link Content#IDS_PER_LIST}.
 * Ids are keyed hashes, so this cuts the id sequence the way the chunker cuts bytes: when a few
 * chunks in the middle of a stream change, or their number does, the lists before and after the
 * change end on the same ids as last time and dedup. With fixed-size lists every list after the
 * first changed chunk shifted and was stored again, 32 bytes per chunk of the whole rest of the
 * stream; at 4 KiB chunks that was about 2% of a database backup's stored size, per backup, whatever
 * changed. Readers take lists of any length.
 */
final class ContentBuilder {

  private static final HexFormat HEX = HexFormat.of();
  /** Average ids per list (a power of two): 256 ids, 8 KiB lists. */
  static final int CUT_EVERY = 256;
  static final int MIN_IDS = 64;
  private final BlobStore store;
  private final Volume volume;
  /** Grows to {@link Content#IDS_PER_LIST} ids as needed: a tree writes one content per file, mostly small. */
  private byte[] list = new byte[Content.INLINE_MAX * BlobId.LENGTH];
  private final List<String> lists = new ArrayList<>();
  private int count;

  ContentBuilder(Volume volume, BlobStore store) {
    this.volume = volume;
    this.store = store;
  }

  void add(BlobId id) throws IOException {
    if (count == Content.IDS_PER_LIST) {
      flushList();
    }
    int at = count * BlobId.LENGTH;
    if (at == list.length) {
      list = java.util.Arrays.copyOf(list, Math.min(list.length * 2, Content.IDS_PER_LIST * BlobId.LENGTH));
    }
    id.copyTo(list, at);
    count++;
    int low = (list[at + BlobId.LENGTH - 2] & 0xff) << 8 | (list[at + BlobId.LENGTH - 1] & 0xff);
    if (count >= MIN_IDS && (low & (CUT_EVERY - 1)) == 0) {
      flushList();
    }
  }

  Content finish() throws IOException {
    if (lists.isEmpty() && count <= Content.INLINE_MAX) {
      List<String> ids = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        ids.add(HEX.formatHex(list, i * BlobId.LENGTH, (i + 1) * BlobId.LENGTH));
      }
      return new Content(ids, null);
    }
    if (count > 0) {
      flushList();
    }
    return new Content(null, List.copyOf(lists));
  }

  private void flushList() throws IOException {
    int len = count * BlobId.LENGTH;
    BlobId id = volume.hasher.hash(list, 0, len);
    store.store(BlobType.META, id, list, 0, len);
    lists.add(id.hex());
    count = 0;
  }
}
