package io.coffer.repo.index;

import io.coffer.repo.BlobId;
import io.coffer.repo.BlobType;
import io.coffer.repo.pack.SegmentInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The union of a volume's index files: a {@link CompactIndex} of blobs plus the table of packs they
 * refer to. Thread-safe: lookups share a read lock, additions take the write lock (they are rare: one
 * per finished pack).
 */
public final class MasterIndex implements IndexFile.Visitor {

  private final CompactIndex blobs = new CompactIndex();
  private final List<String> packNames = new ArrayList<>();
  private final Map<String, Integer> packNumbers = new HashMap<>();
  private long[] packSizes = new long[16];
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private int currentPack = -1;

  /** Adds every entry of an index file's plaintext. */
  public void addIndexFile(byte[] plain) {
    lock.writeLock().lock();
    try {
      IndexFile.decode(plain, this);
    } finally {
      lock.writeLock().unlock();
    }
  }

  public void addPack(PackRecord pack) {
    lock.writeLock().lock();
    try {
      IndexFile.Builder.forEachEntry(pack, this);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void pack(String name, long size) {
    Integer n = packNumbers.get(name);
    if (n == null) {
      n = packNames.size();
      packNames.add(name);
      packNumbers.put(name, n);
      if (n == packSizes.length) {
        packSizes = Arrays.copyOf(packSizes, n * 2);
      }
      packSizes[n] = size;
    }
    currentPack = n;
  }

  @Override
  public void entry(byte[] buf, int idOffset, byte type, int segmentOffset, int segmentLength, int offsetInSegment, int length) {
    blobs.add(buf, idOffset, currentPack, segmentOffset, segmentLength, offsetInSegment, length, type);
  }

  public boolean contains(byte[] id, int offset) {
    lock.readLock().lock();
    try {
      return blobs.find(id, offset) >= 0;
    } finally {
      lock.readLock().unlock();
    }
  }

  public boolean contains(BlobId id) {
    return find(id) != null;
  }

  /** The location of {@code id}, or null when no index names it. */
  public Location find(BlobId id) {
    lock.readLock().lock();
    try {
      int rec = blobs.find(id);
      return rec < 0 ? null : location(rec);
    } finally {
      lock.readLock().unlock();
    }
  }

  public int blobCount() {
    return blobs.size();
  }

  public List<String> packs() {
    lock.readLock().lock();
    try {
      return List.copyOf(packNames);
    } finally {
      lock.readLock().unlock();
    }
  }

  public long packSize(String name) {
    Integer n = packNumbers.get(name);
    return n == null ? -1 : packSizes[n];
  }

  public boolean hasPack(String name) {
    return packNumbers.containsKey(name);
  }

  public long memoryBytes() {
    return blobs.memoryBytes();
  }

  // --- record-level access for check and prune, which walk every blob without objects ---

  /** The record number of {@code id} or -1. */
  public int record(byte[] id, int offset) {
    lock.readLock().lock();
    try {
      return blobs.find(id, offset);
    } finally {
      lock.readLock().unlock();
    }
  }

  public int packNumber(int record) {
    return blobs.pack(record);
  }

  public String packName(int packNumber) {
    return packNames.get(packNumber);
  }

  public int packCount() {
    return packNames.size();
  }

  public Location location(int rec) {
    return new Location(
        packNames.get(blobs.pack(rec)),
        blobs.segmentOffset(rec),
        blobs.segmentLength(rec),
        blobs.offsetInSegment(rec),
        blobs.length(rec),
        BlobType.ofCode(blobs.type(rec)));
  }

  public void copyId(int rec, byte[] target) {
    blobs.copyId(rec, target, 0);
  }
}
