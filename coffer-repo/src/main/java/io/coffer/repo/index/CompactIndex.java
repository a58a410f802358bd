package io.coffer.repo.index;

import io.coffer.repo.BlobId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An open-addressing hash table from blob id to location, stored as fixed 53-byte records in pages
 * of {@code byte[]} plus an {@code int[]} slot table.
 *
 * <p>Design: no Java object per blob, so 10 million blobs cost ~600 MB and the garbage collector sees
 * a few hundred arrays instead of tens of millions of objects (restic and Kopia users run out of
 * memory here). Records are numbered in insertion order and never move; the slot table holds record
 * number + 1 (0 = empty) and doubles at load 0.75. Ids are MAC outputs, so their first four bytes are
 * already a uniform hash. Not thread-safe: {@link io.coffer.repo.index.MasterIndex} guards it.
 *
 * <p>Record: id[32] · pack int · segment offset int · segment length int · offset in segment int ·
 * length int · type byte.
 */
public final class CompactIndex {

  static final int RECORD = 53;
  private static final int PAGE_SHIFT = 16;
  private static final int PAGE_RECORDS = 1 << PAGE_SHIFT;
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[][] pages = new byte[0][];
  private int[] slots = new int[1024];
  private int count;

  public int size() {
    return count;
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
    int rec = count;
    int page = rec >>> PAGE_SHIFT;
    if (page == pages.length) {
      pages = Arrays.copyOf(pages, page + 1);
      pages[page] = new byte[PAGE_RECORDS * RECORD];
    }
    byte[] p = pages[page];
    int o = (rec & (PAGE_RECORDS - 1)) * RECORD;
    System.arraycopy(id, idOffset, p, o, BlobId.LENGTH);
    INT.set(p, o + 32, pack);
    INT.set(p, o + 36, segmentOffset);
    INT.set(p, o + 40, segmentLength);
    INT.set(p, o + 44, offsetInSegment);
    INT.set(p, o + 48, length);
    p[o + 52] = type;
    count++;
    if (count * 4L > slots.length * 3L) {
      rehash(slots.length * 2);
    } else {
      insertSlot(rec, id, idOffset);
    }
    return rec;
  }

  /** The record number of {@code id}, or -1. */
  public int find(byte[] id, int idOffset) {
    int mask = slots.length - 1;
    int i = hash(id, idOffset) & mask;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        return -1;
      }
      int rec = s - 1;
      byte[] p = pages[rec >>> PAGE_SHIFT];
      int o = (rec & (PAGE_RECORDS - 1)) * RECORD;
      if (Arrays.equals(p, o, o + BlobId.LENGTH, id, idOffset, idOffset + BlobId.LENGTH)) {
        return rec;
      }
      i = (i + 1) & mask;
    }
  }

  public int find(BlobId id) {
    byte[] b = id.toBytes();
    return find(b, 0);
  }

  public BlobId id(int rec) {
    return BlobId.of(page(rec), offset(rec));
  }

  public void copyId(int rec, byte[] target, int offset) {
    System.arraycopy(page(rec), offset(rec), target, offset, BlobId.LENGTH);
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
    return page(rec)[offset(rec) + 52];
  }

  /** Approximate heap bytes held, for stats and the memory benchmark. */
  public long memoryBytes() {
    return (long) pages.length * PAGE_RECORDS * RECORD + 4L * slots.length;
  }

  private int field(int rec, int at) {
    return (int) INT.get(page(rec), offset(rec) + at);
  }

  private byte[] page(int rec) {
    if (rec < 0 || rec >= count) {
      throw new IndexOutOfBoundsException("record " + rec + " of " + count);
    }
    return pages[rec >>> PAGE_SHIFT];
  }

  private static int offset(int rec) {
    return (rec & (PAGE_RECORDS - 1)) * RECORD;
  }

  private static int hash(byte[] id, int off) {
    int h = (int) INT.get(id, off);
    return h ^ (h >>> 16);
  }

  private void insertSlot(int rec, byte[] id, int idOffset) {
    int mask = slots.length - 1;
    int i = hash(id, idOffset) & mask;
    while (slots[i] != 0) {
      i = (i + 1) & mask;
    }
    slots[i] = rec + 1;
  }

  private void rehash(int capacity) {
    slots = new int[capacity];
    for (int rec = 0; rec < count; rec++) {
      insertSlot(rec, pages[rec >>> PAGE_SHIFT], offset(rec));
    }
  }
}
