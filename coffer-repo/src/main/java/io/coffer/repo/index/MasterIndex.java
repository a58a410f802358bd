package io.coffer.repo.index;

import io.coffer.repo.BlobId;
import io.coffer.repo.BlobType;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.pack.SegmentInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The union of a volume's index files: a {@link CompactIndex} of blobs plus the table of packs they
 * refer to. Thread-safe: lookups share a read lock, additions take the write lock (they are rare: one
 * per finished pack).
 *
 * <p>Lifecycle: the blobs live in mapped regions outside the heap, unmapped when the last holder
 * closes the index: its creator, plus one per {@link #retain()}. A volume holds its index until it
 * is closed or reads its index files again; a backup or a restore retains the index it started with
 * and closes it when done, so a reload meanwhile cannot unmap it under them. Every access to the
 * regions holds the lock and fails with IllegalStateException once the index is closed: a thread
 * must never touch an unmapped region, which would crash the JVM.
 */
public final class MasterIndex implements IndexFile.Visitor, AutoCloseable {

  private final VolumeFormat format;
  private final CompactIndex blobs;
  private final List<String> packNames = new ArrayList<>();
  private final Map<String, Integer> packNumbers = new HashMap<>();
  private long[] packSizes = new long[16];
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private int currentPack = -1;
  /** Who still holds the index (guarded by the write lock); 0 = closed. */
  private int holders = 1;

  /**
   * java.io.tmpdir, where indexes are mapped when their user names no directory (tests, benchmarks,
   * library uses without a home); often a tmpfs, which keeps the pages in RAM.
   */
  public static final Path TEMPORARY_DIRECTORY = MappedRegions.temporaryDirectory();

  /** An index mapped in {@link #TEMPORARY_DIRECTORY}. */
  public MasterIndex() {
    this(TEMPORARY_DIRECTORY);
  }

  /** An index of format 1 whose blobs are mapped from files in {@code directory} (see {@link MappedRegions}). */
  public MasterIndex(Path directory) {
    this(directory, VolumeFormat.V1);
  }

  /** An index of a volume of {@code format}, mapped from files in {@code directory}. */
  public MasterIndex(Path directory, VolumeFormat format) {
    this.format = format;
    this.blobs = new CompactIndex(directory, format.idLength());
  }

  /** An index of {@code blobs} already built, in the packs named (by number) there ({@link SavedIndex}). */
  MasterIndex(VolumeFormat format, CompactIndex blobs, List<String> packNames, long[] packSizes) {
    this.format = format;
    this.blobs = blobs;
    this.packNames.addAll(packNames);
    for (int n = 0; n < packNames.size(); n++) {
      packNumbers.put(packNames.get(n), n);
    }
    this.packSizes = Arrays.copyOf(packSizes, Math.max(16, packSizes.length));
  }

  /**
   * Hands the table, its packs by number and their sizes to {@code out} under the read lock, so no
   * addition changes them meanwhile ({@link SavedIndex}).
   */
  <T> T whole(TableReader<T> out) throws IOException {
    Lock l = reading();
    try {
      return out.read(blobs, packNames, packSizes);
    } finally {
      l.unlock();
    }
  }

  /** What reads a whole index ({@link #whole}). */
  interface TableReader<T> {
    T read(CompactIndex blobs, List<String> packNames, long[] packSizes) throws IOException;
  }

  /** Adds a holder, who closes the index once done with it. */
  public MasterIndex retain() {
    Lock l = writing();
    try {
      holders++;
      return this;
    } finally {
      l.unlock();
    }
  }

  /** Drops one holder; the last one unmaps the blobs. Each holder closes once. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (holders > 0 && --holders == 0) {
        blobs.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Adds every entry of an index file's plaintext. */
  public void addIndexFile(byte[] plain) {
    Lock l = writing();
    try {
      IndexFile.decode(format, plain, this);
    } catch (InternalError e) {
      throw blobs.writeFailed(e);
    } finally {
      l.unlock();
    }
  }

  public void addPack(PackRecord pack) {
    Lock l = writing();
    try {
      IndexFile.Builder.forEachEntry(pack, this);
    } catch (InternalError e) {
      throw blobs.writeFailed(e);
    } finally {
      l.unlock();
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
    Lock l = reading();
    try {
      return blobs.find(id, offset) >= 0;
    } finally {
      l.unlock();
    }
  }

  public boolean contains(BlobId id) {
    return find(id) != null;
  }

  /** The location of {@code id}, or null when no index names it. */
  public Location find(BlobId id) {
    Lock l = reading();
    try {
      int rec = blobs.find(id);
      return rec < 0 ? null : locationOf(rec);
    } finally {
      l.unlock();
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

  /** Bytes of the blobs' mapped regions (outside the heap). */
  public long memoryBytes() {
    Lock l = reading();
    try {
      return blobs.memoryBytes();
    } finally {
      l.unlock();
    }
  }

  // --- record-level access for check and prune, which walk every blob without objects ---

  /** The record number of {@code id} or -1. */
  public int record(byte[] id, int offset) {
    Lock l = reading();
    try {
      return blobs.find(id, offset);
    } finally {
      l.unlock();
    }
  }

  public int packNumber(int record) {
    Lock l = reading();
    try {
      return blobs.pack(record);
    } finally {
      l.unlock();
    }
  }

  /** How many blobs are of the type. */
  public long count(BlobType type) {
    Lock l = reading();
    try {
      long n = 0;
      for (int r = 0; r < blobs.size(); r++) {
        n += blobs.type(r) == type.code() ? 1 : 0;
      }
      return n;
    } finally {
      l.unlock();
    }
  }

  /** A record's blob type. */
  public BlobType type(int record) {
    Lock l = reading();
    try {
      return BlobType.ofCode(blobs.type(record));
    } finally {
      l.unlock();
    }
  }

  public String packName(int packNumber) {
    return packNames.get(packNumber);
  }

  public int packCount() {
    return packNames.size();
  }

  public Location location(int rec) {
    Lock l = reading();
    try {
      return locationOf(rec);
    } finally {
      l.unlock();
    }
  }

  /** The id of a record. */
  public BlobId id(int rec) {
    Lock l = reading();
    try {
      return blobs.id(rec);
    } finally {
      l.unlock();
    }
  }

  /** Copies a record's id (the format's id length) to the start of {@code target}. */
  public void copyId(int rec, byte[] target) {
    Lock l = reading();
    try {
      blobs.copyId(rec, target, 0);
    } finally {
      l.unlock();
    }
  }

  /** The read lock, held; the caller unlocks it. */
  private Lock reading() {
    return locked(lock.readLock());
  }

  /** The write lock, held; the caller unlocks it. */
  private Lock writing() {
    return locked(lock.writeLock());
  }

  private Lock locked(Lock l) {
    l.lock();
    if (holders == 0) {
      l.unlock();
      throw new IllegalStateException("the volume's index is closed");
    }
    return l;
  }

  private Location locationOf(int rec) {
    return new Location(
        packNames.get(blobs.pack(rec)),
        blobs.segmentOffset(rec),
        blobs.segmentLength(rec),
        blobs.offsetInSegment(rec),
        blobs.length(rec),
        BlobType.ofCode(blobs.type(rec)));
  }
}
