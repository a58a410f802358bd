package io.coffer.repo.index;

import io.coffer.repo.BlobId;
import io.coffer.repo.CorruptDataException;
import io.coffer.repo.pack.SegmentInfo;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The plaintext of an index file ("CIX1", docs/repository-format.md, "Indexes"). Decoding streams
 * entries into a {@link Visitor} so loading a large index creates no object per blob.
 */
public final class IndexFile {

  public static final int ENTRIES_PER_FILE = 16384;
  private static final int MAGIC = 0x31584943; // "CIX1" little-endian
  private static final int ENTRY = BlobId.LENGTH + 1 + 4 * 4;
  private static final HexFormat HEX = HexFormat.of();

  /** Receives a decoded index: each pack, then its entries. */
  public interface Visitor {
    void pack(String name, long size);

    /** {@code id} is {@code buf[idOffset, idOffset+32)}; valid only during the call. */
    void entry(byte[] buf, int idOffset, byte type, int segmentOffset, int segmentLength, int offsetInSegment, int length);
  }

  private IndexFile() {}

  /** Splits packs into index file plaintexts of about {@link #ENTRIES_PER_FILE} entries each. */
  public static List<byte[]> encode(List<PackRecord> packs) {
    Builder b = new Builder();
    packs.forEach(b::add);
    return b.finish();
  }

  /**
   * Builds index file plaintexts entry by entry (prune and repair-index write them from the compact
   * table, where a segment's blobs need not all be present). A new file starts at a pack boundary
   * once the current one holds {@link #ENTRIES_PER_FILE} entries.
   */
  public static final class Builder implements Visitor {
    private final List<byte[]> files = new ArrayList<>();
    private final java.io.ByteArrayOutputStream packs = new java.io.ByteArrayOutputStream();
    private final ByteBuffer entry = ByteBuffer.allocate(ENTRY).order(ByteOrder.LITTLE_ENDIAN);
    private java.io.ByteArrayOutputStream current;
    private byte[] packName;
    private long packSize;
    private int packCount;
    private int fileEntries;

    /** Adds a whole pack with every blob of its segments. */
    public void add(PackRecord p) {
      forEachEntry(p, this);
    }

    /** Feeds a pack and its entries, with offsets inside each segment, to any visitor. */
    static void forEachEntry(PackRecord p, Visitor v) {
      v.pack(p.name(), p.size());
      for (SegmentInfo s : p.segments()) {
        int within = 0;
        for (int i = 0; i < s.blobCount(); i++) {
          v.entry(s.ids(), i * BlobId.LENGTH, s.type().code(), (int) s.offset(), s.storedLength(), within, s.lengths()[i]);
          within += s.lengths()[i];
        }
      }
    }

    @Override
    public void pack(String name, long size) {
      closePack();
      if (fileEntries >= ENTRIES_PER_FILE) {
        closeFile();
      }
      packName = HEX.parseHex(name);
      packSize = size;
      current = new java.io.ByteArrayOutputStream();
    }

    @Override
    public void entry(byte[] buf, int idOffset, byte type, int segmentOffset, int segmentLength, int offsetInSegment, int length) {
      entry.clear();
      entry.put(buf, idOffset, BlobId.LENGTH).put(type).putInt(segmentOffset).putInt(segmentLength).putInt(offsetInSegment).putInt(length);
      current.write(entry.array(), 0, ENTRY);
      fileEntries++;
    }

    public List<byte[]> finish() {
      closePack();
      closeFile();
      return files;
    }

    private void closePack() {
      if (current == null) {
        return;
      }
      ByteBuffer head = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
      head.put(packName).putLong(packSize).putInt(current.size() / ENTRY);
      packs.write(head.array(), 0, 44);
      packs.write(current.toByteArray(), 0, current.size());
      packCount++;
      current = null;
    }

    private void closeFile() {
      if (packCount == 0) {
        return;
      }
      ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).putInt(packCount);
      byte[] body = packs.toByteArray();
      byte[] file = new byte[8 + body.length];
      System.arraycopy(head.array(), 0, file, 0, 8);
      System.arraycopy(body, 0, file, 8, body.length);
      files.add(file);
      packs.reset();
      packCount = 0;
      fileEntries = 0;
    }
  }

  public static void decode(byte[] plain, Visitor visitor) {
    try {
      ByteBuffer b = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt() != MAGIC) {
        throw new CorruptDataException("index has no CIX1 magic");
      }
      int packs = b.getInt();
      byte[] name = new byte[32];
      for (int p = 0; p < packs; p++) {
        b.get(name);
        long size = b.getLong();
        int entries = b.getInt();
        if (entries < 0 || (long) entries * ENTRY > b.remaining()) {
          throw new CorruptDataException("index claims " + entries + " entries for a pack but is shorter");
        }
        visitor.pack(HEX.formatHex(name), size);
        for (int e = 0; e < entries; e++) {
          int at = b.position();
          b.position(at + BlobId.LENGTH);
          byte type = b.get();
          visitor.entry(plain, at, type, b.getInt(), b.getInt(), b.getInt(), b.getInt());
        }
      }
    } catch (BufferUnderflowException e) {
      throw new CorruptDataException("index is truncated", e);
    }
  }
}
