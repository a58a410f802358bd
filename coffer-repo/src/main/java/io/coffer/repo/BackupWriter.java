package io.coffer.repo;

import io.coffer.model.Host;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.chunker.Batch;
import io.coffer.repo.chunker.Batcher;
import io.coffer.repo.index.IndexFile;
import io.coffer.repo.index.MasterIndex;
import io.coffer.repo.index.PackRecord;
import io.coffer.repo.lock.Locks;
import io.coffer.repo.manifest.BackupStats;
import io.coffer.repo.manifest.Content;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.tree.TreeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one backup: named streams (pulled from an InputStream or pushed through an OutputStream) and
 * directory trees, then {@link #commit()}.
 *
 * <p>Pipeline per stream: the calling thread (for a pushed stream, the stream's chunker thread)
 * reads and cuts chunks into batches; workers hash each
 * batch (up to {@code LOOKAHEAD} batches in flight); the calling thread then takes hashed batches in
 * order, hands new blobs to the {@link BlobStore} and records ids. Several streams may be written
 * from several threads at once; they share the store. Commit order is packs → index → manifest (rule
 * 2 of DESIGN.md): until the manifest is saved the backup does not exist, and an abandoned backup
 * leaves only unreferenced packs for prune.
 */
public final class BackupWriter implements AutoCloseable {

  static final int BATCH = 1 << 20;
  private static final int LOOKAHEAD = 4;

  private final Volume volume;
  private final Map<String, String> tags;
  private final ProgressListener progress;
  private final Locks.Lock lock;
  private final ExecutorService workers;
  /** One thread per open pushed stream, so any number can be open at once (a fixed pool could deadlock). */
  private final ExecutorService chunkers = Threads.unbounded("coffer-chunker");
  private final BlobStore store;
  /** The volume's index as this backup found it, retained until {@link #finish()}. */
  private final MasterIndex index;
  private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> names = Collections.synchronizedSet(new HashSet<>());
  private final AtomicLong bytesRead = new AtomicLong();
  private final long started = System.nanoTime();
  private boolean finished;

  BackupWriter(Volume volume, Map<String, String> tags, ProgressListener progress) throws IOException {
    this.volume = volume;
    this.tags = new TreeMap<>(tags);
    this.progress = progress;
    this.lock = volume.locks.acquire(false);
    try {
      this.index = volume.currentIndex();
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    this.workers =
        Threads.pool(threads, "coffer-worker");
    this.store = new BlobStore(volume, index, workers, threads);
  }

  /** Reads {@code in} to its end as the stream {@code name}; returns the entry. */
  public Entry putStream(String name, InputStream in) throws IOException {
    reserve(name);
    StreamPipe pipe = new StreamPipe();
    pipe.readAll(in);
    Content content = pipe.finish();
    Entry e = new Entry(name, Entry.STREAM, pipe.batcher.bytes(), content, null);
    entries.add(e);
    return e;
  }

  /**
   * An OutputStream that becomes the stream {@code name} when closed. One writer thread per stream.
   *
   * <p>The writer only copies its bytes into blocks and hands them over; a chunker thread of this
   * stream cuts, dispatches hashing and stores (see {@link ChunkerHandoff}). A driver's writer is
   * usually the thread that reads a database's COPY or dump output and hashes its rows; with the
   * chunker on that thread too, a backup dominated by one big table ran at the speed of one core
   * while the database server waited for its socket to drain.
   */
  public ChunkerHandoff openStream(String name) throws IOException {
    reserve(name);
    return new ChunkerHandoff(
        chunkers,
        in -> {
          StreamPipe pipe = new StreamPipe();
          pipe.readAll(in);
          Content content = pipe.finish();
          return new Entry(name, Entry.STREAM, pipe.batcher.bytes(), content, null);
        },
        entries::add);
  }

  /** Stores the directory {@code dir} (files, directories, symlinks) as the tree {@code name}. */
  public Entry putTree(String name, Path dir) throws IOException {
    return putTree(name, dir, TreeOptions.full());
  }

  /**
   * Stores the directory {@code dir} as the tree {@code name}, with metadata, hard links, sparse
   * files and extended attributes; see {@link TreeWriter} and {@link TreeOptions}.
   */
  public Entry putTree(String name, Path dir, TreeOptions options) throws IOException {
    reserve(name);
    TreeWriter tree = new TreeWriter(this, options, new BlobReader(volume, index));
    TreeWriter.Result r = tree.write(dir);
    Entry e = new Entry(name, Entry.TREE, r.size(), null, r.treeId().hex(), tree.root());
    entries.add(e);
    return e;
  }

  /** Counts bytes taken unread from an earlier backup as done, so progress still reaches 100%. */
  void advance(long bytes) {
    progress.advance(bytes);
  }

  /**
   * Stores a file's bytes as content (used by {@link TreeWriter}). {@code sizeHint} (the file's
   * size when it was stat'ed) keeps the batch buffer small for small files: a tree of many small
   * files would otherwise allocate a full batch per file. Batches do not affect where chunks are cut.
   */
  Content storeFile(InputStream in, long sizeHint) throws IOException {
    return storeFile(in, sizeHint, null);
  }

  /**
   * The same, storing the new chunks of a changed file against the chunks at their places in the
   * file's earlier version ({@code earlier}, null for none) where the volume's format allows it.
   */
  Content storeFile(InputStream in, long sizeHint, EarlierChunks earlier) throws IOException {
    StreamPipe pipe = new StreamPipe(sizeHint);
    pipe.earlier = volume.format.storesAgainstReferences() && volume.treeCodec.encodesAgainst() ? earlier : null;
    pipe.readAll(in);
    return pipe.finish();
  }

  /** Stores one meta blob (a tree) and returns its id. */
  BlobId storeMeta(byte[] data) throws IOException {
    BlobId id = volume.hasher.hash(data);
    store.store(BlobType.META, id, data, 0, data.length);
    return id;
  }

  /** A last check before the manifest makes a backup exist; throwing abandons the backup. */
  @FunctionalInterface
  public interface BeforeManifest {
    void check() throws IOException;
  }

  /** Flushes all data, writes the index and then the manifest. */
  public BackupSummary commit() throws IOException {
    return commit(() -> {});
  }

  /**
   * Like {@link #commit()}, asking {@code beforeManifest} once the last pack and the index are
   * written: when it throws (the run was aborted while the last pack was uploading), no manifest is
   * written, so the backup does not exist and its packs are left for prune.
   */
  public BackupSummary commit(BeforeManifest beforeManifest) throws IOException {
    if (finished) {
      throw new IllegalStateException("backup already committed or aborted");
    }
    try {
      List<PackRecord> packs = store.flush();
      for (byte[] plain : IndexFile.encode(volume.format, packs)) {
        volume.indexWritten(volume.files.save(FileType.INDEX, plain));
      }
      store.publish();
      beforeManifest.check();
      double seconds = (System.nanoTime() - started) / 1e9;
      BackupStats stats = new BackupStats(bytesRead.get(), store.bytesNew.get(), store.bytesStored.get(), store.blobs.get(), store.newBlobs.get(), seconds);
      List<Entry> sorted = new ArrayList<>(entries);
      sorted.sort((a, b) -> a.name().compareTo(b.name()));
      Instant committed = Instant.now();
      Manifest m = new Manifest(volume.format.number(), committed.toString(), Host.name(), Host.user(), tags, sorted, stats);
      String id = volume.files.save(FileType.BACKUP, Json.write(m));
      return new BackupSummary(id, stats, committed);
    } finally {
      finish();
    }
  }

  /** Abandons the backup: nothing becomes visible; stored packs are left for prune. */
  public void abort() throws IOException {
    if (!finished) {
      finish();
    }
  }

  @Override
  public void close() throws IOException {
    abort();
  }

  private void finish() throws IOException {
    finished = true;
    // A stream its writer never closed (the driver failed) leaves its chunker waiting for blocks.
    chunkers.shutdownNow();
    // Let segments already handed to workers reach their packs, then let those uploads finish.
    workers.shutdown();
    try {
      workers.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.shutdown();
    index.close();
    progress.done();
    lock.close();
  }

  private void reserve(String name) {
    if (name == null || name.isEmpty() || name.length() > 1024 || name.chars().anyMatch(c -> c < 32)) {
      throw new VolumeException("entry name '" + name + "' is not accepted: 1 to 1024 printable characters");
    }
    if (!names.add(name)) {
      throw new VolumeException("entry name '" + name + "' is used twice in one backup");
    }
  }

  /** One stream's chunk → hash → store pipeline, driven by the thread that feeds it. */
  private final class StreamPipe {
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private final ContentBuilder content = new ContentBuilder(volume, store);
    final Batcher batcher;
    private IOException failure;
    /** A changed file's earlier version, whose chunks its new chunks are stored against; else null. */
    EarlierChunks earlier;
    /** Where in the stream the next chunk to store starts. */
    private long offset;

    private record Pending(Batch batch, Future<BlobId[]> ids) {}

    /** A stream's chunks go to the segments of streams, a tree's file's to those of trees. */
    private final boolean file;

    StreamPipe() {
      batcher = new Batcher(volume.chunker, BATCH, this::submit);
      file = false;
    }

    /** A tree's file of about {@code sizeHint} bytes (its size when it was stat'ed). */
    StreamPipe(long sizeHint) {
      batcher = new Batcher(volume.treeChunker, BATCH, sizeHint, this::submit);
      file = true;
    }

    private void submit(Batch b) {
      inFlight.add(new Pending(b, workers.submit(() -> hashAll(b))));
      bytesRead.addAndGet(b.bytes());
      progress.advance(b.bytes());
      try {
        while (inFlight.size() > LOOKAHEAD) {
          drainOne();
        }
      } catch (IOException e) {
        failure = e;
        throw new java.io.UncheckedIOException(e);
      }
    }

    void readAll(InputStream in) throws IOException {
      try {
        batcher.readAll(in);
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
    }

    private void check() throws IOException {
      if (failure != null) {
        throw failure;
      }
    }

    private BlobId[] hashAll(Batch b) {
      BlobId[] ids = new BlobId[b.count()];
      for (int i = 0; i < b.count(); i++) {
        ids[i] = volume.hasher.hash(b.data(), b.start(i), b.length(i));
      }
      return ids;
    }

    private void drainOne() throws IOException {
      Pending p = inFlight.removeFirst();
      BlobId[] ids;
      try {
        ids = p.ids().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing");
      } catch (ExecutionException e) {
        throw new IOException("hashing failed", e.getCause());
      }
      Batch b = p.batch();
      for (int i = 0; i < ids.length; i++) {
        int length = b.length(i);
        if (!file) {
          store.store(BlobType.DATA, ids[i], b.data(), b.start(i), length);
        } else {
          store.storeFileChunk(ids[i], b.data(), b.start(i), length,
              earlier != null && !store.has(ids[i]) ? earlier.at(offset, length) : null);
        }
        content.add(ids[i]);
        offset += length;
      }
      // The store copied every new blob into a segment and the hashing is done: nothing reads the
      // batch any more.
      batcher.recycle(b);
    }

    Content finish() throws IOException {
      try {
        batcher.finish();
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
      check();
      while (!inFlight.isEmpty()) {
        drainOne();
      }
      return content.finish();
    }
  }
}
