package io.coffer.repo;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.index.Location;
import io.coffer.repo.index.MasterIndex;
import io.coffer.repo.index.PackRecord;
import io.coffer.repo.pack.PackWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores new blobs of one backup: dedup against the index and blobs in flight, fill segments, seal
 * them on worker threads, append sealed segments to packs, upload finished packs.
 *
 * <p>Concurrency: {@link #store} may be called from several stream threads; the dedup decision and
 * segment filling happen under {@code lock} (microseconds), sealing runs on {@code workers}, uploads
 * on a separate {@code uploads} pool so that a slow backend never starves sealing. Semaphores bound
 * memory: at most {@code 2 × workers} segments being sealed and two packs being uploaded.
 *
 * <p>A blob joins {@code pending} when accepted and leaves it once its pack is saved and in the
 * {@code session} index. The session index joins the volume's shared index only in {@link
 * #publish()}, after the caller has saved index files: an abandoned backup must never teach the
 * process that blobs exist which no index file names. (A blob leaving {@code pending} just as another
 * thread looks it up may be stored twice; that costs space, never correctness, and prune reclaims it.)
 * The first failure of any task is kept and rethrown by the next call.
 *
 * <p>A new data blob given references (the chunks at its place in the earlier backup's version of its
 * file) goes to a segment of its own kind, {@link BlobType#DELTA}, encoded against the references'
 * plaintexts read back from the volume: up to {@link #REFERENCE_BYTES} of them per segment, so a
 * reader's dictionary stays a few segments' worth, lying in at most {@link #REFERENCE_SEGMENTS}
 * segments.
 */
final class BlobStore {

  private static final Logger log = LoggerFactory.getLogger(BlobStore.class);

  /** The plaintexts one segment may be encoded against, at most (a blob's own are always taken). */
  static final int REFERENCE_BYTES = 256 << 10;
  /**
   * The segments one segment's references may lie in, at most. A reader decodes each of them whole to
   * decode it, and a restore, which writes files in the order a level stored their changes, needs
   * them around the changed chunks it is writing anyway: from a few segments they are at hand, from
   * 32 scattered over the next tens of MB (1% of pages changed, references up to 256 KiB) each was
   * decoded once for the references and again when the restore got there, and a level's restore
   * took twice its full backup's (docs/benchmarks.md, "A level's restore").
   */
  static final int REFERENCE_SEGMENTS = 4;
  private final Volume volume;
  private final MasterIndex shared;
  /** Reads references back for the segments encoded against them. */
  private final BlobReader references;
  private final MasterIndex session;
  private final ExecutorService workers;
  private final ExecutorService uploads;
  private final int threads;
  private final Semaphore segmentPermits;
  private final Semaphore uploadPermits = new Semaphore(2);
  private final Set<BlobId> pending = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  /**
   * The segment being filled per blob type, and one more for the data of trees' files: they are cut
   * and compressed as the volume says for trees ({@link VolumeConfig#trees()}), streams' as it says
   * for streams, and neither shares a segment with the other.
   */
  private final SegmentBuilder[] open = new SegmentBuilder[TREE_DATA + 1];
  private static final int TREE_DATA = BlobType.values().length;
  /** Data and delta segments share packs; metadata has packs of its own. */
  private final PackWriter[] packs = new PackWriter[2];
  private final List<PackRecord> written = Collections.synchronizedList(new ArrayList<>());
  /**
   * Plaintext arrays of sealed segments, for the next segments: without them a backup allocated
   * as many bytes of segments as it stored new, and the 256 MiB heap collected that much more often.
   * At most the segments in flight (the permits) plus the open ones are ever here.
   */
  private final Queue<byte[]> freeSegments = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  /** Counters of data blobs (metadata excluded) and of all sealed bytes written. */
  final AtomicLong blobs = new AtomicLong();
  final AtomicLong newBlobs = new AtomicLong();
  final AtomicLong bytesNew = new AtomicLong();
  final AtomicLong bytesStored = new AtomicLong();

  BlobStore(Volume volume, MasterIndex shared, ExecutorService workers, int threads) {
    this.volume = volume;
    this.shared = shared;
    this.session = volume.newIndex();
    this.references = new BlobReader(volume, shared);
    this.workers = workers;
    this.threads = threads;
    this.segmentPermits = new Semaphore(2 * threads);
    this.uploads =
        Threads.pool(2, "coffer-upload");
  }

  /** Whether the volume has the blob or this backup is storing it (a blob not had may still come from elsewhere). */
  boolean has(BlobId id) {
    return shared.contains(id) || session.contains(id) || pending.contains(id);
  }

  /**
   * Stores {@code data[off, off+len)} under {@code id} unless the volume already has it: a chunk of a
   * stream, or metadata.
   */
  void store(BlobType type, BlobId id, byte[] data, int off, int len) throws IOException {
    store(type, false, id, data, off, len, null);
  }

  /**
   * Stores a chunk of a tree's file as {@link #store(BlobType, BlobId, byte[], int, int)} does, in the
   * segments of trees' files, encoded against {@code references} (data blobs of the volume's index,
   * never {@link BlobType#DELTA} ones) when it is new, the volume's format allows it and trees' files
   * are compressed; {@code null} or empty for none.
   */
  void storeFileChunk(BlobId id, byte[] data, int off, int len, References references) throws IOException {
    boolean against = references != null && !references.isEmpty() && volume.format.storesAgainstReferences()
        && volume.treeCodec.encodesAgainst();
    store(against ? BlobType.DELTA : BlobType.DATA, true, id, data, off, len, against ? references : null);
  }

  private void store(BlobType type, boolean tree, BlobId id, byte[] data, int off, int len, References references)
      throws IOException {
    rethrow();
    boolean isData = type.isData();
    if (isData) {
      blobs.incrementAndGet();
    }
    SegmentBuilder full = null;
    List<String> referenceSegments = references == null ? List.of() : segmentsOf(references);
    synchronized (lock) {
      if (shared.contains(id) || session.contains(id) || !pending.add(id)) {
        return;
      }
      if (isData) {
        newBlobs.incrementAndGet();
        bytesNew.addAndGet(len);
      }
      int slot = tree && type == BlobType.DATA ? TREE_DATA : type.ordinal();
      SegmentBuilder s = open[slot];
      int segmentSize = volume.config().segmentSize();
      if (s != null && (s.size() + len > segmentSize
          || references != null && (s.referenceBytes() + references.bytes() > REFERENCE_BYTES
              || s.referenceSegmentsWith(referenceSegments) > REFERENCE_SEGMENTS))) {
        full = s;
        s = null;
      }
      if (s == null) {
        byte[] recycled = len <= segmentSize ? freeSegments.poll() : null;
        Codec codec = tree ? volume.treeCodec : volume.codec;
        s = recycled != null && recycled.length == segmentSize
            ? new SegmentBuilder(type, codec, recycled)
            : new SegmentBuilder(type, codec, Math.max(segmentSize, len));
        open[slot] = s;
      }
      s.add(id, data, off, len);
      if (references != null) {
        s.refer(references, referenceSegments);
      }
    }
    if (full != null) {
      seal(full);
    }
  }

  /** The segments (pack and offset) the references lie in, as the volume's index has them. */
  private List<String> segmentsOf(References references) {
    List<String> segments = new ArrayList<>(references.ids().size());
    for (BlobId id : references.ids()) {
      Location l = shared.find(id);
      segments.add(l == null ? id.hex() : l.pack() + ":" + l.segmentOffset());
    }
    return segments;
  }

  /** Seals every open segment, finishes every pack and waits for all uploads. */
  List<PackRecord> flush() throws IOException {
    List<SegmentBuilder> rest = new ArrayList<>();
    synchronized (lock) {
      for (int t = 0; t < open.length; t++) {
        if (open[t] != null && open[t].count() > 0) {
          rest.add(open[t]);
        }
        open[t] = null;
      }
    }
    for (SegmentBuilder s : rest) {
      seal(s);
    }
    await(segmentPermits, 2 * threads);
    rethrow();
    synchronized (packs) {
      for (int t = 0; t < packs.length; t++) {
        if (packs[t] != null && !packs[t].isEmpty()) {
          upload(packs[t]);
        }
        packs[t] = null;
      }
    }
    await(uploadPermits, 2);
    rethrow();
    return List.copyOf(written);
  }

  /** Makes this store's packs visible to later backups of the same process; call after saving index files. */
  void publish() {
    synchronized (written) {
      written.forEach(shared::addPack);
    }
  }

  /**
   * Stops the upload pool, letting uploads already under way finish (an aborted backup leaves whole
   * packs, never partial ones), and closes the session index (an upload still running after an
   * interrupt then fails on it instead of adding to it).
   */
  void shutdown() {
    uploads.shutdown();
    try {
      uploads.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      uploads.shutdownNow();
    } finally {
      session.close();
    }
  }

  private void seal(SegmentBuilder s) throws IOException {
    acquire(segmentPermits);
    try {
      workers.execute(
          () -> {
            try {
              Encoded encoded = encode(s);
              byte[] sealed = volume.sealer.seal(encoded.bytes());
              if (s.data().length == volume.config().segmentSize()) {
                freeSegments.offer(s.data());
              }
              append(s, encoded.type(), sealed);
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              segmentPermits.release();
            }
          });
    } catch (RuntimeException rejected) {
      segmentPermits.release();
      throw rejected;
    }
  }

  /** A segment's encoded bytes and the type its blobs are stored as. */
  private record Encoded(byte[] bytes, BlobType type) {}

  /**
   * A segment's encoding: against its references' plaintexts when it has them. When they cannot be
   * read (the earlier backup's packs are damaged or gone), its blobs are stored whole: a damaged
   * earlier backup must not fail the next one, which would otherwise have stored them so anyway.
   */
  private Encoded encode(SegmentBuilder s) throws IOException {
    if (s.type() != BlobType.DELTA) {
      return new Encoded(s.codec().encode(s.data(), 0, s.size()), s.type());
    }
    byte[] ids = s.referenceIds();
    int idLength = volume.format.idLength();
    int count = ids.length / idLength;
    byte[] dictionary;
    try {
      dictionary = references.concatenated(ids, 0, count);
    } catch (CorruptDataException e) {
      log.warn("{} changed chunks stored whole: what they were to be stored against cannot be read ({})", s.count(), e.getMessage());
      return new Encoded(s.codec().encode(s.data(), 0, s.size()), BlobType.DATA);
    }
    return new Encoded(s.codec().encodeAgainst(s.data(), 0, s.size(), ids, idLength, count, s.lengths(), s.blobReferences(), dictionary),
        BlobType.DELTA);
  }

  private void append(SegmentBuilder s, BlobType type, byte[] sealed) throws IOException {
    bytesStored.addAndGet(sealed.length);
    synchronized (packs) {
      int t = type == BlobType.META ? 1 : 0;
      if (packs[t] == null) {
        packs[t] = new PackWriter(t == 0 ? volume.config().packSize() : 1 << 20);
      }
      packs[t].add(type, sealed, s.size(), s.ids(), s.lengths());
      if (packs[t].size() >= volume.config().packSize()) {
        upload(packs[t]);
        packs[t] = null;
      }
    }
  }

  private void upload(PackWriter w) throws IOException {
    acquire(uploadPermits);
    try {
      uploads.execute(
          () -> {
            try {
              PackWriter.FinishedPack p = w.finish(volume.format, volume.codec, volume.sealer);
              volume.backend().save(new Handle(FileType.PACK, p.name()), p.bytes());
              PackRecord record = new PackRecord(p.name(), p.bytes().length, p.segments());
              session.addPack(record);
              written.add(record);
              p.segments().forEach(seg -> {
                for (int i = 0; i < seg.blobCount(); i++) {
                  pending.remove(seg.id(i));
                }
              });
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              uploadPermits.release();
            }
          });
    } catch (RuntimeException rejected) {
      uploadPermits.release();
      throw rejected;
    }
  }

  private void rethrow() throws IOException {
    Failures.rethrow(failure.get(), "storing blobs");
  }

  private static void acquire(Semaphore s) throws IOException {
    try {
      s.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while storing blobs");
    }
  }

  private static void await(Semaphore s, int permits) throws IOException {
    try {
      s.acquire(permits);
      s.release(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while storing blobs");
    }
  }
}
