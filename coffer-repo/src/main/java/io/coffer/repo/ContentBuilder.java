package io.coffer.repo;

import io.coffer.repo.manifest.Content;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Accumulates the blob ids of one stream or file in order. Every {@link Content#IDS_PER_LIST} ids it
 * stores an id-list meta blob, so memory per stream stays at 512 KiB whatever the stream's size.
 */
final class ContentBuilder {

  private static final HexFormat HEX = HexFormat.of();
  private final BlobStore store;
  private final Volume volume;
  private final byte[] list = new byte[Content.IDS_PER_LIST * BlobId.LENGTH];
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
    id.copyTo(list, count * BlobId.LENGTH);
    count++;
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
