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
    List<byte[]> files = new ArrayList<>();
    List<PackRecord> group = new ArrayList<>();
    int entries = 0;
    for (PackRecord p : packs) {
      group.add(p);
      entries += p.blobCount();
      if (entries >= ENTRIES_PER_FILE) {
        files.add(encodeOne(group));
        group.clear();
        entries = 0;
      }
    }
    if (!group.isEmpty()) {
      files.add(encodeOne(group));
    }
    return files;
  }

  static byte[] encodeOne(List<PackRecord> packs) {
    int size = 8;
    for (PackRecord p : packs) {
      size += 32 + 8 + 4 + p.blobCount() * ENTRY;
    }
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(packs.size());
    for (PackRecord p : packs) {
      b.put(HEX.parseHex(p.name())).putLong(p.size()).putInt(p.blobCount());
      for (SegmentInfo s : p.segments()) {
        int within = 0;
        for (int i = 0; i < s.blobCount(); i++) {
          b.put(s.ids(), i * BlobId.LENGTH, BlobId.LENGTH)
              .put(s.type().code())
              .putInt((int) s.offset())
              .putInt(s.storedLength())
              .putInt(within)
              .putInt(s.lengths()[i]);
          within += s.lengths()[i];
        }
      }
    }
    return b.array();
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
