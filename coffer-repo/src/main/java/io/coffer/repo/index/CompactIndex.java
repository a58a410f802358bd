package io.coffer.repo.index;

import io.coffer.repo.BlobId;
import io.coffer.repo.VolumeException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Checksum;

/**
 * An open-addressing hash table from blob id to location, stored as fixed 53-byte records in pages
 * plus a slot table, all in memory-mapped regions outside the Java heap ({@link MappedRegions}).
 *
 * <p>Design: no Java object per blob and no heap per blob, so the heap a backup needs does not grow
 * with the volume (a heap-held table cost ~71 bytes a blob: a 256 MiB heap held ~2 million blobs);
 * the kernel keeps the regions in its page cache while RAM allows. Records are numbered in insertion
 * order and never move; the slot table holds record number + 1 (0 = empty) and doubles at load 0.75
 * into a new region, the old one unmapped at once. Ids are MAC outputs, so their first four bytes are
 * already a uniform hash. Lookups read the buffers with absolute {@code getInt}/{@code getLong} and
 * compare an id as four longs: no copy, no bounds beyond the buffer's own.
 *
 * <p>Lifecycle and concurrency: not thread-safe, and {@link #close()} unmaps the regions, after which
 * the table is empty and refuses additions; a thread still reading a region being unmapped would
 * crash the JVM, which is why {@link MasterIndex} guards every access with its lock.
 *
 * <p>Record: id[32] · pack int · segment offset int · segment length int · offset in segment int ·
 * length int · type byte. A format 2 id (16 bytes) keeps the 32-byte slot, its last 16 bytes zero:
 * halving the slot would save 16 of ~60 bytes a blob in memory but fork every offset and the
 * four-long comparison of the hot lookup, and the disk is where format 2 saves.
 */
public final class CompactIndex implements AutoCloseable {

  static final int RECORD = 53;
  private static final int PAGE_SHIFT = 16;
  private static final int PAGE_RECORDS = 1 << PAGE_SHIFT;
  /** 2^28 slots (1 GiB) per region of the slot table, the most a buffer holds; larger tables span several. */
  private static final int SLOT_REGION_SHIFT = 28;
  private static final int FIRST_SLOTS = 1024;
  private static final long MAX_SLOTS = 1L << 30;
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final MappedRegions regions;
  private final int slotRegionShift;
  /** Bytes of the ids this table holds: 32 (format 1) or 16 (format 2, zero-padded in the record). */
  private final int idLength;
  private MappedByteBuffer[] pages = new MappedByteBuffer[0];
  /** Regions of the slot table, null until the first record; one unless the table passes 2^28 slots. */
  private MappedByteBuffer[] slots;
  private int slotMask;
  private int count;
  private boolean closed;

  /** A table in java.io.tmpdir (tests, benchmarks); a volume names a directory on a disk. */
  public CompactIndex() {
    this(MappedRegions.temporaryDirectory());
  }

  /** A table whose regions are files in {@code directory}, created here if missing. */
  public CompactIndex(Path directory) {
    this(directory, BlobId.MAX_LENGTH);
  }

  /** A table of ids of {@code idLength} bytes whose regions are files in {@code directory}. */
  public CompactIndex(Path directory, int idLength) {
    this(directory, SLOT_REGION_SHIFT, idLength);
  }

  /** With 2^{@code slotRegionShift} slots per region: tests take the table across regions with a few thousand blobs. */
  CompactIndex(Path directory, int slotRegionShift, int idLength) {
    this.regions = new MappedRegions(directory);
    this.slotRegionShift = slotRegionShift;
    this.idLength = idLength;
  }

  public int size() {
    return count;
  }

  /** Bytes of the ids this table holds. */
  int idLength() {
    return idLength;
  }

  /**
   * Adds a record unless the id is already present. Returns the record number of the id (new or
   * existing).
   */
  public int add(byte[] id, int idOffset, int pack, int segmentOffset, int segmentLength, int offsetInSegment, int length, byte type) {
    int found = find(id, idOffset);
    if (found >= 0) {
      return found;
    }
    if (closed) {
      throw new IllegalStateException("the index is closed");
    }
    try {
      int rec = count;
      int page = rec >>> PAGE_SHIFT;
      if (page == pages.length) {
        pages = Arrays.copyOf(pages, page + 1);
        pages[page] = regions.map((long) PAGE_RECORDS * RECORD);
      }
      MappedByteBuffer p = pages[page];
      int o = offset(rec);
      // A fresh page is zero, so a short id's padding needs no write.
      p.put(o, id, idOffset, idLength);
      p.putInt(o + 32, pack);
      p.putInt(o + 36, segmentOffset);
      p.putInt(o + 40, segmentLength);
      p.putInt(o + 44, offsetInSegment);
      p.putInt(o + 48, length);
      p.put(o + 52, type);
      count++;
      long capacity = slots == null ? 0 : slotMask + 1L;
      if (count * 4L > capacity * 3L) {
        rehash(Math.max(FIRST_SLOTS, capacity * 2));
      } else {
        insertSlot(rec, (long) LONG.get(id, idOffset));
      }
      return rec;
    } catch (InternalError e) {
      throw writeFailed(e);
    }
  }

  /**
   * What a write to a mapped page becomes when the file system has no block for it: the JVM raises
   * an InternalError at the next safepoint of the writing thread, which may be after {@link #add}
   * returned, so callers that add in a loop catch it too.
   */
  VolumeException writeFailed(InternalError e) {
    return new VolumeException("cannot write the volume's index to " + regions.directory() + " (is its disk full?): " + e.getMessage(), e);
  }

  /** The record number of {@code id}, or -1. */
  public int find(byte[] id, int idOffset) {
    if (count == 0) {
      return -1;
    }
    long a = (long) LONG.get(id, idOffset);
    long b = (long) LONG.get(id, idOffset + 8);
    long c = idLength == BlobId.MAX_LENGTH ? (long) LONG.get(id, idOffset + 16) : 0;
    long d = idLength == BlobId.MAX_LENGTH ? (long) LONG.get(id, idOffset + 24) : 0;
    int mask = slotMask;
    int i = hash(a) & mask;
    while (true) {
      int s = slot(i);
      if (s == 0) {
        return -1;
      }
      int rec = s - 1;
      MappedByteBuffer p = pages[rec >>> PAGE_SHIFT];
      int o = offset(rec);
      if (p.getLong(o) == a && p.getLong(o + 8) == b && p.getLong(o + 16) == c && p.getLong(o + 24) == d) {
        return rec;
      }
      i = (i + 1) & mask;
    }
  }

  /** The record number of {@code id}, or -1 (always for an id of another length than the table's). */
  public int find(BlobId id) {
    return id.length() == idLength ? find(id.toBytes(), 0) : -1;
  }

  public BlobId id(int rec) {
    byte[] b = new byte[idLength];
    copyId(rec, b, 0);
    return BlobId.of(b);
  }

  /** Copies the record's id (the table's id length) into {@code target} at {@code offset}. */
  public void copyId(int rec, byte[] target, int offset) {
    page(rec).get(offset(rec), target, offset, idLength);
  }

  public int pack(int rec) {
    return field(rec, 32);
  }

  public int segmentOffset(int rec) {
    return field(rec, 36);
  }

  public int segmentLength(int rec) {
    return field(rec, 40);
  }

  public int offsetInSegment(int rec) {
    return field(rec, 44);
  }

  public int length(int rec) {
    return field(rec, 48);
  }

  public byte type(int rec) {
    return page(rec).get(offset(rec) + 52);
  }

  /** Bytes of the mapped regions (outside the heap), for stats and the memory benchmark. */
  public long memoryBytes() {
    long slotBytes = slots == null ? 0 : 4L * (slotMask + 1L);
    return (long) pages.length * PAGE_RECORDS * RECORD + slotBytes;
  }

  /** Unmaps every region; the table is then empty and refuses additions. Idempotent. */
  @Override
  public void close() {
    MappedByteBuffer[] oldPages = pages;
    MappedByteBuffer[] oldSlots = slots;
    closed = true;
    count = 0;
    pages = new MappedByteBuffer[0];
    slots = null;
    slotMask = 0;
    unmapAll(oldPages);
    unmapAll(oldSlots);
  }

  /** Slots of the table (a power of two), 0 before the first record. */
  long slotCapacity() {
    return slots == null ? 0 : slotMask + 1L;
  }

  /**
   * Writes the records, then the slot table, as they lie in the regions (little-endian), each byte
   * also into {@code checksum}: what {@link #read} maps back ({@link SavedIndex}).
   */
  void write(WritableByteChannel out, Checksum checksum) throws IOException {
    for (int page = 0; (long) page * PAGE_RECORDS < count; page++) {
      int records = Math.min(PAGE_RECORDS, count - page * PAGE_RECORDS);
      writeAll(out, pages[page].duplicate().position(0).limit(records * RECORD), checksum);
    }
    if (slots != null) {
      long perRegion = Math.min(slotCapacity(), 1L << slotRegionShift);
      for (MappedByteBuffer region : slots) {
        writeAll(out, region.duplicate().position(0).limit((int) (4 * perRegion)), checksum);
      }
    }
  }

  /**
   * A table of {@code count} records and {@code slotCapacity} slots read from {@code in} as {@link
   * #write} wrote them, straight into new regions: no decoding and no hashing. The caller has
   * checked that the counts fit each other, and checks {@code checksum} before trusting the table;
   * a short read closes the regions and fails.
   */
  static CompactIndex read(Path directory, int idLength, int count, long slotCapacity, ReadableByteChannel in,
      Checksum checksum) throws IOException {
    CompactIndex table = new CompactIndex(directory, SLOT_REGION_SHIFT, idLength);
    try {
      int pageCount = (int) ((count + (long) PAGE_RECORDS - 1) / PAGE_RECORDS);
      table.pages = new MappedByteBuffer[pageCount];
      for (int page = 0; page < pageCount; page++) {
        table.pages[page] = table.regions.map((long) PAGE_RECORDS * RECORD);
        int records = Math.min(PAGE_RECORDS, count - page * PAGE_RECORDS);
        readAll(in, table.pages[page].duplicate().position(0).limit(records * RECORD), checksum);
      }
      table.count = count;
      if (slotCapacity > 0) {
        int perRegion = (int) Math.min(slotCapacity, 1L << SLOT_REGION_SHIFT);
        table.slots = new MappedByteBuffer[(int) (slotCapacity / perRegion)];
        for (int r = 0; r < table.slots.length; r++) {
          table.slots[r] = table.regions.map(4L * perRegion);
          readAll(in, table.slots[r].duplicate().position(0).limit(4 * perRegion), checksum);
        }
        table.slotMask = (int) (slotCapacity - 1);
      }
      return table;
    } catch (IOException | RuntimeException e) {
      table.close();
      throw e;
    }
  }

  private static void writeAll(WritableByteChannel out, ByteBuffer bytes, Checksum checksum) throws IOException {
    checksum.update(bytes.duplicate());
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  private static void readAll(ReadableByteChannel in, ByteBuffer into, Checksum checksum) throws IOException {
    ByteBuffer start = into.duplicate();
    while (into.hasRemaining()) {
      if (in.read(into) < 0) {
        throw new EOFException("the saved index ends early");
      }
    }
    checksum.update(start);
  }

  private int field(int rec, int at) {
    return page(rec).getInt(offset(rec) + at);
  }

  private MappedByteBuffer page(int rec) {
    if (rec < 0 || rec >= count) {
      throw new IndexOutOfBoundsException("record " + rec + " of " + count);
    }
    return pages[rec >>> PAGE_SHIFT];
  }

  private static int offset(int rec) {
    return (rec & (PAGE_RECORDS - 1)) * RECORD;
  }

  private static int hash(long idStart) {
    int h = (int) idStart;
    return h ^ (h >>> 16);
  }

  private int slot(int i) {
    return slots[i >>> slotRegionShift].getInt((i & ((1 << slotRegionShift) - 1)) << 2);
  }

  private void insertSlot(int rec, long idStart) {
    int mask = slotMask;
    int i = hash(idStart) & mask;
    while (slot(i) != 0) {
      i = (i + 1) & mask;
    }
    slots[i >>> slotRegionShift].putInt((i & ((1 << slotRegionShift) - 1)) << 2, rec + 1);
  }

  private void rehash(long capacity) {
    if (capacity > MAX_SLOTS) {
      throw new IllegalStateException("the index holds " + count + " blobs, the most one table can");
    }
    int perRegion = (int) Math.min(capacity, 1L << slotRegionShift);
    MappedByteBuffer[] next = new MappedByteBuffer[(int) (capacity / perRegion)];
    for (int r = 0; r < next.length; r++) {
      next[r] = regions.map(4L * perRegion);
    }
    MappedByteBuffer[] old = slots;
    slots = next;
    slotMask = (int) (capacity - 1);
    for (int rec = 0; rec < count; rec++) {
      insertSlot(rec, pages[rec >>> PAGE_SHIFT].getLong(offset(rec)));
    }
    unmapAll(old);
  }

  private static void unmapAll(MappedByteBuffer[] regions) {
    if (regions != null) {
      for (MappedByteBuffer r : regions) {
        MappedRegions.unmap(r);
      }
    }
  }
}
