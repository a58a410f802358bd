package io.coffer.repo;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.index.Location;
import io.coffer.repo.index.MasterIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads blobs: loads a segment with one range read, opens and decodes it, slices the blob and
 * re-hashes it against its id, so no wrong byte is ever returned. Keeps the last few decoded segments
 * because consecutive blobs of a stream usually share one. Thread-safe.
 *
 * <p>Two kinds of reads: {@link #read} gives a blob in an array of its own (trees, id lists), from
 * segments in new arrays; {@link #runSegment} gives the runs of streams and files their segment in a
 * pooled array ({@link DecodedSegment}), released once written. Each kind keeps its own recent
 * segments, so a pooled array is never handed out as a plain one.
 *
 * <p>A segment encoded against reference blobs (format 3, {@link BlobType#DELTA}) is decoded with
 * their plaintexts, read as any blob is (verified against their ids).
 */
final class BlobReader {

  private static final int CACHED_SEGMENTS = 8;
  private static final int POOLED_BYTES = 32 << 20;
  /** How deep references may lead to segments that have references: writers make none (depth 1). */
  private static final int MAX_REFERENCE_DEPTH = 4;
  /** How long a thread waits for another's decoding of a segment before decoding it itself. */
  private static final int WAIT_FOR_DECODING_SECONDS = 10;
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
  private final Volume volume;
  private final MasterIndex index;
  private final Map<String, byte[]> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
          return size() > CACHED_SEGMENTS;
        }
      };

  /** Recent segments of runs, each held by this cache until evicted (guarded by itself). */
  private final Map<String, DecodedSegment> runCache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DecodedSegment> eldest) {
          if (size() > CACHED_SEGMENTS) {
            eldest.getValue().release();
            return true;
          }
          return false;
        }
      };
  /** Segments of runs being decoded, by key, each done when it is in {@link #runCache} (or failed). */
  private final Map<String, CompletableFuture<Void>> decoding = new ConcurrentHashMap<>();
  private final DecodedSegment.Pool pool;
  /** Whether runs' segments are read, opened and decoded in direct buffers ({@link #runSegment}). */
  private final boolean offHeap;

  /** A reader that reads no runs, or keeps none of their arrays. */
  BlobReader(Volume volume, MasterIndex index) {
    this(volume, index, 0);
  }

  BlobReader(Volume volume, MasterIndex index, int pooledSegments) {
    this(volume, index, pooledSegments, false);
  }

  /**
   * @param pooledSegments how many decoded segments' arrays to keep for reuse: the runs a reader has
   *     in flight and its cache's; at most 32 MiB of idle arrays are kept (4 of the largest segments)
   * @param offHeap decode runs' segments in direct buffers where the volume's sealer opens in native
   *     memory: for a reader whose runs are written to files ({@link DirectOutput}), so that a
   *     segment goes from the pack file to the restored file with no copy into or out of the heap
   *     (reading into an array, the JDK bounced it through a direct buffer of its own; libcrypto's
   *     GCM and HMAC copied it into and out of native memory; writing it, the JDK copied it again)
   */
  BlobReader(Volume volume, MasterIndex index, int pooledSegments, boolean offHeap) {
    this(volume, index, pooledSegments, offHeap, -1);
  }

  /** As above, with a budget of direct memory for the pool ({@link DecodedSegment.Pool}; negative: its default). */
  BlobReader(Volume volume, MasterIndex index, int pooledSegments, boolean offHeap, long directBudget) {
    this.volume = volume;
    this.index = index;
    this.offHeap = offHeap && volume.sealer.opensInNativeMemory();
    int segmentSize = volume.config().segmentSize();
    int pooled = Math.min(pooledSegments, Math.max(2, POOLED_BYTES / segmentSize));
    this.pool = directBudget < 0 ? new DecodedSegment.Pool(pooled, segmentSize)
        : new DecodedSegment.Pool(pooled, segmentSize, directBudget);
  }

  VolumeFormat format() {
    return volume.format;
  }

  Location locate(BlobId id) {
    Location l = index.find(id);
    if (l == null) {
      throw new CorruptDataException("blob " + id.hex() + " is not in any index: the volume is damaged (run `coffer volume check`, then `coffer volume repair-index`)");
    }
    return l;
  }

  byte[] read(BlobId id) throws IOException {
    Location l = locate(id);
    byte[] segment = segment(l);
    return slice(id, l, segment);
  }

  /** The blob's bytes from an already decoded segment, verified against its id. */
  byte[] slice(BlobId id, Location l, byte[] segment) {
    check(id, l, segment);
    return java.util.Arrays.copyOfRange(segment, l.offsetInSegment(), l.offsetInSegment() + l.length());
  }

  /** Checks the blob where it lies in an already decoded segment against its id. */
  void check(BlobId id, Location l, byte[] segment) {
    check(id, l, segment, segment.length);
  }

  /** Checks the blob where it lies in a segment of runs against its id. */
  void check(BlobId id, Location l, DecodedSegment segment) {
    if (segment.bytes != null) {
      check(id, l, segment.bytes, segment.length);
      return;
    }
    within(id, l, segment.length);
    if (!volume.hasher.hash(segment.direct, segment.start + l.offsetInSegment(), l.length()).equals(id)) {
      throw new CorruptDataException("pack " + l.pack() + ": blob " + id + " does not match its id (data damaged)");
    }
  }

  private static void within(BlobId id, Location l, int length) {
    if (l.offsetInSegment() < 0 || (long) l.offsetInSegment() + l.length() > length) {
      throw new CorruptDataException("pack " + l.pack() + ": blob " + id + " lies outside its segment");
    }
  }

  /** Checks the blob where it lies in the first {@code length} bytes of {@code segment} against its id. */
  void check(BlobId id, Location l, byte[] segment, int length) {
    within(id, l, length);
    if (!volume.hasher.hash(segment, l.offsetInSegment(), l.length()).equals(id)) {
      throw new CorruptDataException("pack " + l.pack() + ": blob " + id + " does not match its id (data damaged)");
    }
  }

  byte[] segment(Location l) throws IOException {
    String key = l.pack() + ":" + l.segmentOffset();
    synchronized (cache) {
      byte[] hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    byte[] plain = decoded(l);
    synchronized (cache) {
      cache.put(key, plain);
    }
    return plain;
  }

  /**
   * The segment at {@code l}, held for the caller, who releases it once done with its bytes; decoded
   * into a pooled array unless a recent run's is still cached, or being decoded by another thread,
   * which the caller then waits for.
   *
   * <p>Why wait: the segments of a level's changes whose references lie in one segment of the full
   * backup are read one after the other, on both reading threads at once, and each decoded that
   * segment for itself; a level's restore decoded the full's segments 1.6 times over
   * (docs/benchmarks.md, "A level's restore").
   */
  DecodedSegment runSegment(Location l) throws IOException {
    String key = l.pack() + ":" + l.segmentOffset();
    // A thread decoding a segment of changes waits here only for segments of data, whose decoding
    // never waits: no two threads can wait for each other. (Writers make no references to changes;
    // in a damaged volume that has them, each thread decodes for itself, as before.)
    boolean mayWait = DEPTH.get()[0] == 0 || l.type() != BlobType.DELTA;
    CompletableFuture<Void> mine = null;
    while (true) {
      synchronized (runCache) {
        DecodedSegment hit = runCache.get(key);
        if (hit != null) {
          return hit.retain();
        }
      }
      if (!mayWait) {
        break;
      }
      CompletableFuture<Void> candidate = mine == null ? new CompletableFuture<>() : mine;
      CompletableFuture<Void> other = decoding.putIfAbsent(key, candidate);
      if (other == null) {
        mine = candidate;
        break;
      }
      // Then it is in the cache, unless its decoding failed or it was evicted: look again, and
      // decode it here if it is not there (a failure is then this thread's to throw). The wait is
      // bounded all the same: at worst a segment is decoded twice, never a restore stuck.
      mayWait = awaited(other);
    }
    try {
      DecodedSegment segment = offHeap ? decodedOffHeap(l) : decodedPooled(l);
      synchronized (runCache) {
        DecodedSegment replaced = runCache.put(key, segment.retain());
        if (replaced != null) {
          replaced.release();
        }
      }
      return segment;
    } finally {
      if (mine != null) {
        decoding.remove(key, mine);
        mine.complete(null);
      }
    }
  }

  /** Waits for another thread's decoding to end; false when it took too long (or this thread was interrupted). */
  private static boolean awaited(CompletableFuture<Void> decoding) {
    try {
      decoding.get(WAIT_FOR_DECODING_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private byte[] sealed(Location l) throws IOException {
    try {
      return volume.backend().loadRange(new Handle(FileType.PACK, l.pack()), l.segmentOffset(), l.segmentLength());
    } catch (NoSuchFileException | java.io.EOFException e) {
      throw unreadable(l, e);
    }
  }

  private void sealedInto(Location l, byte[] into) throws IOException {
    try {
      volume.backend().loadRange(new Handle(FileType.PACK, l.pack()), l.segmentOffset(), l.segmentLength(), into);
    } catch (NoSuchFileException | java.io.EOFException e) {
      throw unreadable(l, e);
    }
  }

  private void sealedInto(Location l, ByteBuffer into) throws IOException {
    try {
      volume.backend().loadRange(new Handle(FileType.PACK, l.pack()), l.segmentOffset(), l.segmentLength(), into);
    } catch (NoSuchFileException | java.io.EOFException e) {
      throw unreadable(l, e);
    }
  }

  private static CorruptDataException unreadable(Location l, IOException e) {
    return new CorruptDataException("pack " + l.pack()
        + (e instanceof NoSuchFileException ? " is missing from the volume" : " is truncated"));
  }

  /**
   * The plaintexts a segment was encoded against, concatenated in the order it lists them (its
   * {@link Codec.Dictionaries}).
   */
  byte[] references(byte[] encoded, Codec.References refs) throws IOException {
    checkIdLength(refs);
    return concatenated(encoded, refs.idsOffset(), refs.count());
  }

  private void checkIdLength(Codec.References refs) {
    if (refs.idLength() != volume.format.idLength()) {
      throw new CorruptDataException("a segment's references have ids of " + refs.idLength() + " bytes, not " + volume.format.idLength());
    }
  }

  /** This thread's depth of references, one deeper; the caller steps back up in a finally. */
  private static int[] deeper() {
    int[] depth = DEPTH.get();
    if (depth[0] >= MAX_REFERENCE_DEPTH) {
      throw new CorruptDataException("references lead to references more than " + MAX_REFERENCE_DEPTH + " deep: the volume is damaged");
    }
    depth[0]++;
    return depth;
  }

  /**
   * The same for a segment decoded into native memory, held until the decoding closes it: a slice
   * of the one decoded segment that holds them all, one after the other, as a changed file's earlier
   * chunks mostly lie (nothing copied), or else their bytes copied into a direct buffer of the pool
   * (an array where the pool's direct memory is spent).
   */
  Codec.HeldDictionary heldReferences(byte[] encoded, Codec.References refs) throws IOException {
    checkIdLength(refs);
    int[] depth = deeper();
    try {
      Location[] at = located(encoded, refs.idsOffset(), refs.count());
      int total = totalLength(at);
      if (at.length > 0 && adjoining(at)) {
        DecodedSegment segment = runSegment(at[0]);
        try {
          inside(at[0], segment, total);
        } catch (CorruptDataException e) {
          segment.release();
          throw e;
        }
        ByteBuffer bytes = segment.direct != null
            ? segment.direct.slice(segment.start + at[0].offsetInSegment(), total)
            : ByteBuffer.wrap(segment.bytes, at[0].offsetInSegment(), total);
        return new Codec.HeldDictionary(bytes, segment::release);
      }
      ByteBuffer into = pool.takeDirect(total);
      if (into == null) {
        return new Codec.HeldDictionary(ByteBuffer.wrap(concatenated(at, total)), () -> {});
      }
      try {
        int pos = 0;
        for (Location l : at) {
          DecodedSegment segment = runSegment(l);
          try {
            inside(l, segment, l.length());
            if (segment.direct != null) {
              into.put(pos, segment.direct, segment.start + l.offsetInSegment(), l.length());
            } else {
              into.put(pos, segment.bytes, l.offsetInSegment(), l.length());
            }
          } finally {
            segment.release();
          }
          pos += l.length();
        }
      } catch (IOException | RuntimeException e) {
        pool.offer(into);
        throw e;
      }
      return new Codec.HeldDictionary(into.slice(0, total), () -> pool.offer(into));
    } finally {
      depth[0]--;
    }
  }

  /** Whether the blobs lie one after the other in one segment. */
  private static boolean adjoining(Location[] at) {
    for (int i = 1; i < at.length; i++) {
      Location before = at[i - 1];
      if (!at[i].pack().equals(before.pack()) || at[i].segmentOffset() != before.segmentOffset()
          || at[i].offsetInSegment() != before.offsetInSegment() + before.length()) {
        return false;
      }
    }
    return true;
  }

  private static void inside(Location l, DecodedSegment segment, int length) {
    if (l.offsetInSegment() < 0 || (long) l.offsetInSegment() + length > segment.length) {
      throw new CorruptDataException("pack " + l.pack() + ": a reference lies outside its segment");
    }
  }

  private Location[] located(byte[] ids, int offset, int count) {
    int idLength = volume.format.idLength();
    Location[] at = new Location[count];
    for (int i = 0; i < count; i++) {
      at[i] = locate(BlobId.of(ids, offset + i * idLength, idLength));
    }
    return at;
  }

  /**
   * The plaintexts of the {@code count} blobs whose ids are concatenated in {@code ids} from {@code
   * offset}, taken from their segments as runs are (a restore then finds those segments decoded for
   * the unchanged chunks beside them). They are not re-hashed: their segments' seals authenticate
   * them, and what is decoded with them is re-hashed against its own ids, which fails if a reference
   * is not what its writer used; hashing them too cost a restore of changed pages a second hash of
   * every page.
   */
  byte[] concatenated(byte[] ids, int offset, int count) throws IOException {
    int[] depth = deeper();
    try {
      Location[] at = located(ids, offset, count);
      return concatenated(at, totalLength(at));
    } finally {
      depth[0]--;
    }
  }

  private static int totalLength(Location[] at) {
    long total = 0;
    for (Location l : at) {
      total += l.length();
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new CorruptDataException("a segment's references come to " + total + " bytes");
    }
    return (int) total;
  }

  private byte[] concatenated(Location[] at, int total) throws IOException {
    byte[] dictionary = new byte[total];
    int pos = 0;
    for (Location l : at) {
      DecodedSegment segment = runSegment(l);
      try {
        inside(l, segment, l.length());
        segment.copy(l.offsetInSegment(), dictionary, pos, l.length());
      } finally {
        segment.release();
      }
      pos += l.length();
    }
    return dictionary;
  }

  /**
   * The references a {@link BlobType#DELTA} blob was stored against (for a writer that would take it
   * as a reference: it takes these instead, so references never lead to references).
   */
  List<BlobId> referencesOf(Location l) throws IOException {
    byte[] opened = volume.sealer.open(sealed(l));
    Codec.References refs = Codec.references(opened, opened.length);
    return refs == null ? List.of() : ReferenceLists.ids(opened, refs, Codec.blobReferences(opened, refs, l.offsetInSegment()));
  }

  private byte[] decoded(Location l) throws IOException {
    byte[] sealed = sealed(l);
    try {
      return Codec.decode(volume.sealer.open(sealed), this::references);
    } catch (CorruptDataException e) {
      throw damaged(l, e);
    }
  }

  /**
   * The segment read, opened and decoded with arrays of the pool: the sealed and the opened bytes go
   * back to it at once, the decoded ones when the segment is released.
   */
  private DecodedSegment decodedPooled(Location l) throws IOException {
    int length = l.segmentLength();
    byte[] sealed = pool.take(length);
    byte[] opened = null;
    try {
      sealedInto(l, sealed);
      opened = pool.take(length);
      int openedLength = volume.sealer.open(sealed, 0, length, opened);
      byte[] into = pool.take(Codec.decodedLength(opened, openedLength));
      return new DecodedSegment(into, Codec.decode(opened, openedLength, into, this::references), pool);
    } catch (CorruptDataException e) {
      throw damaged(l, e);
    } finally {
      pool.offer(sealed);
      if (opened != null) {
        pool.offer(opened);
      }
    }
  }

  /**
   * The segment read, opened and decoded in direct buffers of the pool ({@link #offHeap}): the sealed
   * and the opened ones go back to it at once, the decoded one when the segment is released. A
   * segment stored raw (incompressible data) is not copied out of the buffer it was opened into.
   * Where the pool's direct memory is spent, the segment is read again and decoded in arrays.
   */
  private DecodedSegment decodedOffHeap(Location l) throws IOException {
    int length = l.segmentLength();
    ByteBuffer sealed = pool.takeDirect(length);
    if (sealed == null) {
      return decodedPooled(l);
    }
    ByteBuffer opened = null;
    try {
      sealedInto(l, sealed);
      opened = pool.takeDirect(length);
      if (opened == null) {
        return decodedPooled(l);
      }
      int openedLength = volume.sealer.open(sealed, length, opened);
      if (openedLength > 0 && opened.get(0) == Codec.RAW) {
        DecodedSegment raw = new DecodedSegment(opened, 1, openedLength - 1, pool);
        opened = null;
        return raw;
      }
      ByteBuffer into = pool.takeDirect(Codec.decodedLength(opened, openedLength));
      if (into == null) {
        return decodedPooled(l);
      }
      return new DecodedSegment(into, 0, Codec.decode(opened, openedLength, into, this::heldReferences), pool);
    } catch (CorruptDataException e) {
      throw damaged(l, e);
    } finally {
      pool.offer(sealed);
      if (opened != null) {
        pool.offer(opened);
      }
    }
  }

  private static CorruptDataException damaged(Location l, CorruptDataException e) {
    return new CorruptDataException("pack " + l.pack() + " is damaged at offset " + l.segmentOffset() + ": " + e.getMessage(), e);
  }
}
