package io.coffer.repo.index;

import io.coffer.repo.BlobType;
import io.coffer.repo.CorruptDataException;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.pack.Leb128;
import io.coffer.repo.pack.SegmentInfo;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The plaintext of an index file (docs/repository-format.md, "Indexes"): "CIX1", a fixed 49-byte entry
 * per blob, in format 1; "CIX2", blobs grouped per pack and per segment with varint offsets and
 * lengths and 16-byte ids, in format 2; "CIX3", the same layout, in format 3 (whose entries may be of
 * type 2, blobs in segments encoded against references). Decoding streams entries into a {@link Visitor} so loading a
 * large index creates no object per blob.
 */
public final class IndexFile {

  public static final int ENTRIES_PER_FILE = 16384;
  private static final int MAGIC_1 = 0x31584943; // "CIX1" little-endian

  /** "CIX" and the format's digit, little-endian: format 3's index has format 2's layout under "CIX3". */
  private static int magic(VolumeFormat format) {
    return 0x00584943 | ('0' + format.number()) << 24;
  }
  private static final int PACK_NAME = 32;
  private static final HexFormat HEX = HexFormat.of();

  /** Receives a decoded index: each pack, then its entries. */
  public interface Visitor {
    void pack(String name, long size);

    /** {@code id} is {@code buf[idOffset, idOffset + the format's id length)}; valid only during the call. */
    void entry(byte[] buf, int idOffset, byte type, int segmentOffset, int segmentLength, int offsetInSegment, int length);
  }

  private IndexFile() {}

  /** Splits packs into index file plaintexts of about {@link #ENTRIES_PER_FILE} entries each. */
  public static List<byte[]> encode(VolumeFormat format, List<PackRecord> packs) {
    Builder b = new Builder(format);
    packs.forEach(b::add);
    return b.finish();
  }

  /**
   * Builds index file plaintexts entry by entry (prune and repair-index write them from the compact
   * table, where a segment's blobs need not all be present). A new file starts at a pack boundary
   * once the current one holds {@link #ENTRIES_PER_FILE} entries. A pack's entries are held until the
   * next pack begins: format 2 writes them sorted by segment and offset, whatever order they came in.
   */
  public static final class Builder implements Visitor {
    private final VolumeFormat format;
    private final int idLength;
    private final List<byte[]> files = new ArrayList<>();
    private final ByteArrayOutputStream packs = new ByteArrayOutputStream();
    private byte[] packName;
    private long packSize;
    private int packCount;
    private int fileEntries;
    /** The current pack's entries: ids and, per entry, type · segment offset · segment length · offset in segment · length. */
    private byte[] ids = new byte[0];
    private int[] fields = new int[0];
    private int entries;

    public Builder(VolumeFormat format) {
      this.format = format;
      this.idLength = format.idLength();
    }

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
          v.entry(s.ids(), s.idOffset(i), s.type().code(), (int) s.offset(), s.storedLength(), within, s.lengths()[i]);
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
    }

    @Override
    public void entry(byte[] buf, int idOffset, byte type, int segmentOffset, int segmentLength, int offsetInSegment, int length) {
      if (entries * idLength == ids.length) {
        ids = Arrays.copyOf(ids, Math.max(64, 2 * entries) * idLength);
        fields = Arrays.copyOf(fields, Math.max(64, 2 * entries) * 5);
      }
      System.arraycopy(buf, idOffset, ids, entries * idLength, idLength);
      int f = entries * 5;
      fields[f] = type;
      fields[f + 1] = segmentOffset;
      fields[f + 2] = segmentLength;
      fields[f + 3] = offsetInSegment;
      fields[f + 4] = length;
      entries++;
      fileEntries++;
    }

    public List<byte[]> finish() {
      closePack();
      closeFile();
      return files;
    }

    private void closePack() {
      if (packName == null) {
        return;
      }
      packs.writeBytes(packName);
      if (format == VolumeFormat.V1) {
        packs.writeBytes(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(packSize).putInt(entries).array());
        ByteBuffer entry = ByteBuffer.allocate(idLength + 17).order(ByteOrder.LITTLE_ENDIAN);
        for (int e = 0; e < entries; e++) {
          int f = e * 5;
          entry.clear();
          entry.put(ids, e * idLength, idLength).put((byte) fields[f]);
          entry.putInt(fields[f + 1]).putInt(fields[f + 2]).putInt(fields[f + 3]).putInt(fields[f + 4]);
          packs.writeBytes(entry.array());
        }
      } else {
        Leb128.write(packs, packSize);
        writeSegments();
      }
      packCount++;
      packName = null;
      entries = 0;
    }

    /** Format 2's body of a pack: its segments in offset order, each with its blobs in offset order. */
    private void writeSegments() {
      Integer[] order = new Integer[entries];
      for (int e = 0; e < entries; e++) {
        order[e] = e;
      }
      Arrays.sort(order, (x, y) -> fields[x * 5 + 1] != fields[y * 5 + 1]
          ? Integer.compare(fields[x * 5 + 1], fields[y * 5 + 1])
          : Integer.compare(fields[x * 5 + 3], fields[y * 5 + 3]));
      int segments = 0;
      for (int i = 0; i < entries; i++) {
        if (i == 0 || fields[order[i] * 5 + 1] != fields[order[i - 1] * 5 + 1]) {
          segments++;
        }
      }
      Leb128.write(packs, segments);
      long segmentEnd = 0;
      for (int i = 0; i < entries; ) {
        int first = order[i] * 5;
        int end = i;
        while (end < entries && fields[order[end] * 5 + 1] == fields[first + 1]) {
          end++;
        }
        packs.write(fields[first]);
        Leb128.write(packs, fields[first + 1] - segmentEnd);
        Leb128.write(packs, fields[first + 2]);
        Leb128.write(packs, end - i);
        segmentEnd = (long) fields[first + 1] + fields[first + 2];
        long blobEnd = 0;
        for (; i < end; i++) {
          int e = order[i];
          int f = e * 5;
          if (fields[f] != fields[first] || fields[f + 2] != fields[first + 2] || fields[f + 3] < blobEnd) {
            throw new IllegalStateException("index entries of pack " + HEX.formatHex(packName) + " at segment " + fields[first + 1] + " disagree or overlap");
          }
          packs.write(ids, e * idLength, idLength);
          Leb128.write(packs, fields[f + 3] - blobEnd);
          Leb128.write(packs, fields[f + 4]);
          blobEnd = (long) fields[f + 3] + fields[f + 4];
        }
      }
    }

    private void closeFile() {
      if (packCount == 0) {
        return;
      }
      ByteArrayOutputStream file = new ByteArrayOutputStream(packs.size() + 8);
      if (format == VolumeFormat.V1) {
        file.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC_1).putInt(packCount).array());
      } else {
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(magic(format)).array());
        Leb128.write(file, packCount);
      }
      file.writeBytes(packs.toByteArray());
      files.add(file.toByteArray());
      packs.reset();
      packCount = 0;
      fileEntries = 0;
    }
  }

  public static void decode(VolumeFormat format, byte[] plain, Visitor visitor) {
    try {
      ByteBuffer b = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt() != magic(format)) {
        throw new CorruptDataException("index has no CIX" + format.number() + " magic");
      }
      if (format == VolumeFormat.V1) {
        decode1(plain, b, visitor);
      } else {
        decode2(format, plain, b, visitor);
      }
    } catch (BufferUnderflowException e) {
      throw new CorruptDataException("index is truncated", e);
    }
  }

  private static void decode1(byte[] plain, ByteBuffer b, Visitor visitor) {
    int entryLength = VolumeFormat.V1.idLength() + 17;
    int packs = b.getInt();
    byte[] name = new byte[PACK_NAME];
    for (int p = 0; p < packs; p++) {
      b.get(name);
      long size = b.getLong();
      int entries = b.getInt();
      if (entries < 0 || (long) entries * entryLength > b.remaining()) {
        throw new CorruptDataException("index claims " + entries + " entries for a pack but is shorter");
      }
      visitor.pack(HEX.formatHex(name), size);
      for (int e = 0; e < entries; e++) {
        int at = b.position();
        b.position(at + VolumeFormat.V1.idLength());
        byte type = b.get();
        if (type == BlobType.DELTA.code()) {
          throw new CorruptDataException("index names a segment encoded against references, which format 1 has not");
        }
        visitor.entry(plain, at, type, b.getInt(), b.getInt(), b.getInt(), b.getInt());
      }
    }
  }

  private static void decode2(VolumeFormat format, byte[] plain, ByteBuffer b, Visitor visitor) {
    int idLength = VolumeFormat.V2.idLength();
    int packs = Leb128.readInt(b, "index pack count");
    byte[] name = new byte[PACK_NAME];
    for (int p = 0; p < packs; p++) {
      b.get(name);
      visitor.pack(HEX.formatHex(name), Leb128.read(b));
      int segments = Leb128.readInt(b, "index segment count");
      long segmentEnd = 0;
      for (int s = 0; s < segments; s++) {
        byte type = b.get();
        if (type == BlobType.DELTA.code() && !format.storesAgainstReferences()) {
          throw new CorruptDataException("index names a segment encoded against references, which format " + format.number() + " has not");
        }
        long segmentOffset = segmentEnd + Leb128.read(b);
        int segmentLength = Leb128.readInt(b, "index segment length");
        int blobs = Leb128.readInt(b, "index blob count");
        if (segmentOffset > Integer.MAX_VALUE || (long) blobs * (idLength + 2) > b.remaining()) {
          throw new CorruptDataException("index claims " + blobs + " blobs in a segment at " + segmentOffset + " but is shorter");
        }
        segmentEnd = segmentOffset + segmentLength;
        long blobEnd = 0;
        for (int i = 0; i < blobs; i++) {
          int at = b.position();
          b.position(at + idLength);
          long offset = blobEnd + Leb128.read(b);
          int length = Leb128.readInt(b, "index blob length");
          if (offset > Integer.MAX_VALUE) {
            throw new CorruptDataException("index places a blob at " + offset + " in its segment");
          }
          visitor.entry(plain, at, type, (int) segmentOffset, segmentLength, (int) offset, length);
          blobEnd = offset + length;
        }
      }
    }
  }
}
