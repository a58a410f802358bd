package io.coffer.repo;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.index.Location;
import io.coffer.repo.index.MasterIndex;
import io.coffer.repo.lock.Locks;
import io.coffer.repo.manifest.Content;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.manifest.Tree;
import io.coffer.repo.tree.DiskSync;
import io.coffer.repo.tree.RestoreOptions;
import io.coffer.repo.tree.TreeRestore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads streams and files of backups.
 *
 * <p>Content is read in runs: consecutive blobs that share a segment form one task that loads and
 * decodes the segment once. Up to {@code LOOKAHEAD} tasks run on worker threads while the caller
 * writes finished runs in order, so network latency and decryption overlap with writing.
 */
public final class BackupReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackupReader.class);

  private static final int LOOKAHEAD = 16;
  /** How many bytes of a level's consecutive runs one task reads (see {@link #runs}). */
  private static final long CHAINED_BYTES = 1 << 20;
  /** Runs whose segments the backend is told of ahead of their reads (a local volume's pages start coming in). */
  private static final int ADVISED = 48;
  /** Up to 4 MiB per opened stream between the thread reading the volume and its reader. */
  private static final int PIPE_BLOCK = 1 << 20;
  private static final int PIPE_BLOCKS = 4;
  private final Volume volume;
  private final BlobReader blobs;
  /** Reads the files a tree restore writes: off the heap where the volume opens in native memory. */
  private final BlobReader files;
  /** The volume's index as this reader found it, retained until {@link #close()}. */
  private final MasterIndex index;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ExecutorService workers;
  private final Locks.Lock lock;

  BackupReader(Volume volume) throws IOException {
    this.volume = volume;
    // A shared lock, as a backup takes: no prune deletes or repacks a pack while it is being read.
    this.lock = volume.locks.acquire(false);
    try {
      this.index = volume.currentIndex();
      // Pooled arrays for the runs in flight of two writers at once (a restore's) and the cache's.
      this.blobs = new BlobReader(volume, index, LOOKAHEAD + 8);
      // Its direct buffers are taken only when a file is restored; the reading threads' transient ones too.
      this.files = new BlobReader(volume, index, LOOKAHEAD + 16, true);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.workers =
        Threads.pool(threads, "coffer-read");
  }

  /** Writes the stream {@code name} of backup {@code id} to {@code out}. */
  public void cat(String id, String name, OutputStream out, ProgressListener progress) throws IOException {
    Entry e = streamEntry(volume.manifest(id), id, name);
    progress.start("read " + e.name(), e.size(), "bytes");
    try {
      write(e.content(), out, progress);
    } finally {
      progress.done();
    }
  }

  /** The stream {@code name} of backup {@code id} as an InputStream; see {@link #open(Entry, ProgressListener)}. */
  public InputStream open(String id, String name) throws IOException {
    return open(streamEntry(volume.manifest(id), id, name), ProgressListener.NONE);
  }

  /**
   * A stream entry of a manifest the caller already holds, as an InputStream filled by a background
   * thread through a {@link BlockPipe} (for restores that pipe into a tool or a driver). A failure
   * while reading the volume (a damaged pack, a lost connection) reaches the reader at the end of
   * the stream as an IOException with the cause, never as a silently short stream.
   */
  public InputStream open(Entry stream, ProgressListener progress) {
    String name = stream.name();
    BlockPipe pipe = new BlockPipe(PIPE_BLOCK, PIPE_BLOCKS);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try (OutputStream out = pipe.output()) {
        write(stream.content(), out, progress);
      } catch (IOException | RuntimeException e) {
        failure.set(e);
      }
    }, "coffer-stream-" + name);
    thread.setDaemon(true);
    thread.start();
    return new FilterInputStream(pipe.input()) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
          rethrow();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
          rethrow();
        }
        return n;
      }

      /** At the end: the writer closed the pipe before recording its failure, so wait for it. */
      private void rethrow() throws IOException {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading " + name);
        }
        Throwable cause = failure.get();
        if (cause != null) {
          throw new IOException("reading stream " + name + " from the volume failed: " + cause.getMessage(), cause);
        }
      }
    };
  }

  private static Entry streamEntry(Manifest m, String id, String name) {
    if (name == null) {
      List<Entry> streams = m.entries().stream().filter(x -> !x.isTree()).toList();
      if (streams.size() != 1) {
        throw new VolumeException("backup " + id.substring(0, 12) + " has " + streams.size() + " streams; name one as ID:NAME");
      }
      return streams.get(0);
    }
    Entry e = m.entry(name);
    if (e == null || e.isTree()) {
      throw new VolumeException("backup " + id.substring(0, 12) + " has no stream named '" + name + "'");
    }
    return e;
  }

  /**
   * Writes the content of the file {@code node} of a tree to {@code out}, every chunk checked against
   * its id as it is read; returns the bytes written.
   */
  public long readFile(Tree.Node node, OutputStream out, ProgressListener progress) throws IOException {
    if (!Tree.Node.FILE.equals(node.type()) || node.content() == null) {
      throw new VolumeException("'" + node.name() + "' is a " + node.type() + ", not a file with content");
    }
    CountingOutputStream counted = new CountingOutputStream(out);
    write(node.content(), counted, progress);
    return counted.count;
  }

  /** Counts what passes through. */
  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }
  }

  /** Writes content blobs in order; used for streams and restored files. */
  void write(Content content, OutputStream out, ProgressListener progress) throws IOException {
    write(content, out, progress, blobs);
  }

  /**
   * Writes a restored file's content to {@code out}, which takes direct buffers as they are: its
   * segments are decoded off the heap where the volume opens in native memory.
   */
  <T extends OutputStream & DirectOutput> void writeFile(Content content, T out, ProgressListener progress)
      throws IOException {
    write(content, out, progress, files);
  }

  private void write(Content content, OutputStream out, ProgressListener progress, BlobReader reader)
      throws IOException {
    Iterator<Run> runs = runs(content, reader);
    if (!runs.hasNext()) {
      return;
    }
    Run first = runs.next();
    if (!runs.hasNext()) {
      // One segment's worth (most files of a tree): read here. Handed to a worker, each such file
      // cost its writer a wait and a wake-up for nothing to overlap with: a restore of 30,000 small
      // files spent a tenth of its CPU in those handoffs (docs/benchmarks.md).
      first.read().writeTo(out, progress);
      return;
    }
    // Counted in segments, not tasks: a task of chained runs holds a segment for each.
    Deque<Future<Run>> inFlight = new ArrayDeque<>();
    int segmentsInFlight = first.segments();
    int segmentsAdvised = 0;
    Deque<Run> advised = new ArrayDeque<>();
    advise(first);
    inFlight.add(workers.submit(first::read));
    try {
      while (runs.hasNext() || !advised.isEmpty() || !inFlight.isEmpty()) {
        while (runs.hasNext() && segmentsAdvised < ADVISED) {
          Run r = runs.next();
          advise(r);
          advised.add(r);
          segmentsAdvised += r.segments();
        }
        while (!advised.isEmpty() && (inFlight.isEmpty() || segmentsInFlight + advised.peekFirst().segments() <= LOOKAHEAD)) {
          Run r = advised.removeFirst();
          segmentsAdvised -= r.segments();
          segmentsInFlight += r.segments();
          inFlight.add(workers.submit(r::read));
        }
        Run done = get(inFlight.removeFirst());
        segmentsInFlight -= done.segments();
        done.writeTo(out, progress);
      }
    } finally {
      inFlight.forEach(f -> f.cancel(true));
    }
  }

  /** The backend is told the runs' segments will be read soon, before their read is handed to a worker. */
  private void advise(Run first) {
    for (Run r = first; r != null; r = r.then) {
      volume.backend().willNeed(new Handle(FileType.PACK, r.segment.pack()), r.segment.segmentOffset(),
          r.segment.segmentLength());
    }
  }

  /** The ids of content in order, reading id lists one at a time. */
  Iterator<BlobId> ids(Content content) {
    if (content.isInline()) {
      return content.ids().stream().map(volume.format::parseId).iterator();
    }
    return new Iterator<>() {
      private final Iterator<String> lists = content.lists().iterator();
      private byte[] list = new byte[0];
      private int pos;

      @Override
      public boolean hasNext() {
        while (pos == list.length && lists.hasNext()) {
          try {
            String listId = lists.next();
            list = blobs.read(volume.format.parseId(listId));
            volume.format.checkIdList(list, listId);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          pos = 0;
        }
        return pos < list.length;
      }

      @Override
      public BlobId next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        BlobId id = BlobId.of(list, pos, volume.format.idLength());
        pos += id.length();
        return id;
      }
    };
  }

  /**
   * The content's runs in order; a level's consecutive runs (its changed chunks in segments of
   * changes, and the unchanged chunks between them in the full's segments) chained into one task up
   * to {@link #CHAINED_BYTES}. Why: those runs need the same few segments of the full backup, as
   * data or as the references of the changes; handed to the two reading threads one each, both
   * needed the same segment at once, and one waited for the other's decoding of it (a quarter of the
   * reading threads' time in a level's restore of a data directory whose pages had nearly all
   * changed). Chained, one thread works on one stretch of the file while the other decodes the next.
   */
  private Iterator<Run> runs(Content content, BlobReader reader) {
    Iterator<BlobId> ids = ids(content);
    return new Iterator<>() {
      private BlobId carry;
      private Run pending;

      @Override
      public boolean hasNext() {
        return pending != null || carry != null || ids.hasNext();
      }

      @Override
      public Run next() {
        Run first = pending != null ? pending : single();
        pending = null;
        // The segment of data the chain has reached: a level's unchanged chunks lie between its
        // changed ones, in the segment those changes were mostly stored against. A chain ends
        // before a run of another segment of data, so a full backup's runs are never chained.
        Location data = first.segment.type() == BlobType.DELTA ? null : first.segment;
        Run last = first;
        long bytes = first.bytes;
        while (bytes < CHAINED_BYTES && (carry != null || ids.hasNext())) {
          Run r = single();
          if (r.segment.type() != BlobType.DELTA) {
            if (data != null && !sameSegment(data, r.segment)) {
              pending = r;
              break;
            }
            data = r.segment;
          }
          last.then = r;
          last = r;
          bytes += r.bytes;
        }
        return first;
      }

      /** The blobs of the next segment (up to 4 MiB of them). */
      private Run single() {
        BlobId first = carry != null ? carry : ids.next();
        carry = null;
        Location loc = reader.locate(first);
        Run run = new Run(loc, reader);
        run.add(first, loc);
        while (ids.hasNext() && run.bytes < (4 << 20)) {
          BlobId id = ids.next();
          Location l = reader.locate(id);
          if (!sameSegment(l, loc)) {
            carry = id;
            break;
          }
          run.add(id, l);
        }
        return run;
      }
    };
  }

  private static boolean sameSegment(Location a, Location b) {
    return a.segmentOffset() == b.segmentOffset() && a.pack().equals(b.pack());
  }

  /**
   * Consecutive blobs of one segment. Read, it checks each blob against its id where it lies in the
   * decoded segment and writes the segment's bytes from there: copying each blob out and joining the
   * copies cost three copies of every restored byte, and their garbage was most of a restore's GC.
   */
  private static final class Run {
    final Location segment;
    final BlobReader reader;
    final List<BlobId> ids = new ArrayList<>();
    final List<Location> locations = new ArrayList<>();
    long bytes;
    /** The run read and written right after this one, in the same task (a level's, see {@link #runs}). */
    Run then;
    /** {@link #segments()} once counted: a chain is complete before its task is counted. */
    private int segments;
    /** The segment, held from {@link #read} until {@link #writeTo} released it. */
    private DecodedSegment plain;

    Run(Location segment, BlobReader reader) {
      this.segment = segment;
      this.reader = reader;
    }

    void add(BlobId id, Location l) {
      ids.add(id);
      locations.add(l);
      bytes += l.length();
    }

    /** The segments this task holds once read: its own and its chained runs' (each counted once). */
    int segments() {
      if (segments == 0) {
        List<Location> distinct = new ArrayList<>();
        for (Run r = this; r != null; r = r.then) {
          Location l = r.segment;
          if (distinct.stream().noneMatch(d -> sameSegment(d, l))) {
            distinct.add(l);
          }
        }
        segments = distinct.size();
      }
      return segments;
    }

    /** Reads this run and the chained ones; on a failure, what was read is released. */
    Run read() throws IOException {
      for (Run r = this; r != null; r = r.then) {
        try {
          r.readOne();
        } catch (IOException | RuntimeException e) {
          releaseFrom(this, r);
          throw e;
        }
      }
      return this;
    }

    private void readOne() throws IOException {
      DecodedSegment seg = reader.runSegment(segment);
      try {
        for (int i = 0; i < ids.size(); i++) {
          reader.check(ids.get(i), locations.get(i), seg);
        }
      } catch (RuntimeException e) {
        seg.release();
        throw e;
      }
      plain = seg;
    }

    /**
     * Writes this run and the chained ones in order; each releases its segment once written, and a
     * failed write releases the rest unwritten.
     */
    void writeTo(OutputStream out, ProgressListener progress) throws IOException {
      for (Run r = this; r != null; r = r.then) {
        try {
          r.writeOne(out, progress);
        } catch (IOException | RuntimeException e) {
          releaseFrom(r.then, null);
          throw e;
        }
      }
    }

    /** Releases the segments held by the runs from {@code first} up to, not including, {@code end}. */
    private static void releaseFrom(Run first, Run end) {
      for (Run r = first; r != end; r = r.then) {
        if (r.plain != null) {
          r.plain.release();
          r.plain = null;
        }
      }
    }

    /**
     * Writes the blobs in order, blobs that follow each other in the segment in one write, then
     * releases the segment: its array may hold another segment right after.
     */
    private void writeOne(OutputStream out, ProgressListener progress) throws IOException {
      try {
        int i = 0;
        while (i < locations.size()) {
          int from = locations.get(i).offsetInSegment();
          int to = from + locations.get(i).length();
          for (i++; i < locations.size() && locations.get(i).offsetInSegment() == to; i++) {
            to += locations.get(i).length();
          }
          write(out, from, to - from);
          progress.advance(to - from);
        }
      } finally {
        plain.release();
        plain = null;
      }
    }

    private void write(OutputStream out, int from, int length) throws IOException {
      if (plain.bytes != null) {
        out.write(plain.bytes, from, length);
      } else if (out instanceof DirectOutput direct) {
        direct.write(plain.direct, plain.start + from, length);
      } else {
        byte[] copy = new byte[length];
        plain.copy(from, copy, 0, length);
        out.write(copy, 0, length);
      }
    }
  }

  /** Loads a tree blob. */
  Tree tree(String hexId) throws IOException {
    return Json.readTree(blobs.read(volume.format.parseId(hexId)), "tree " + hexId.substring(0, 16));
  }

  /**
   * Restores backup entries into {@code target}, each under its name (see {@link TreeRestorer}), and
   * returns once they are on disk ({@link DiskSync}).
   */
  public void restore(String id, String entryName, java.nio.file.Path target, boolean allowExternalSymlinks, ProgressListener progress) throws IOException {
    Manifest m = volume.manifest(id);
    try (TreeRestorer restorer = new TreeRestorer(this, target,
        RestoreOptions.defaults().withExternalSymlinks(allowExternalSymlinks), progress)) {
      restorer.restore(m, entryName);
    }
    DiskSync.sync(target);
  }

  /**
   * Restores the contents of the tree {@code entry} of backup {@code id} (or the file or directory
   * {@link RestoreOptions#path()} of it) into {@code target}; see {@link TreeRestorer}.
   */
  public TreeRestore restoreTree(String id, Entry entry, java.nio.file.Path target, RestoreOptions options,
      ProgressListener progress) throws IOException {
    try (TreeRestorer restorer = new TreeRestorer(this, target, options, progress)) {
      return restorer.restoreTree(entry, id);
    }
  }

  /** Hears the nodes of a tree in depth-first order, each with its path below the tree's root. */
  public interface TreeVisitor {
    void visit(String path, Tree.Node node) throws IOException;
  }

  /** Walks the tree {@code entry} (or the directory or file {@code path} of it), parents before children. */
  public void walk(Entry entry, String path, TreeVisitor visitor) throws IOException {
    if (!entry.isTree()) {
      throw new VolumeException("entry '" + entry.name() + "' is a stream, not a tree");
    }
    String prefix = path == null ? "" : path.replaceAll("^/+|/+$", "");
    Tree at = tree(entry.tree());
    if (!prefix.isEmpty()) {
      String[] parts = prefix.split("/+");
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i];
        Tree.Node n = at.nodes().stream().filter(x -> x.name().equals(part)).findFirst()
            .orElseThrow(() -> new VolumeException("path '" + prefix + "' is not in the tree " + entry.name()));
        if (i == parts.length - 1) {
          visitor.visit(prefix, n);
          if (!Tree.Node.DIR.equals(n.type())) {
            return;
          }
        } else if (!Tree.Node.DIR.equals(n.type())) {
          throw new VolumeException("path '" + prefix + "' is not in the tree " + entry.name());
        }
        at = tree(n.subtree());
      }
    }
    walk(at, prefix, visitor);
  }

  private void walk(Tree tree, String prefix, TreeVisitor visitor) throws IOException {
    for (Tree.Node n : tree.nodes()) {
      String path = prefix.isEmpty() ? n.name() : prefix + "/" + n.name();
      visitor.visit(path, n);
      if (Tree.Node.DIR.equals(n.type()) && n.subtree() != null) {
        walk(tree(n.subtree()), path, visitor);
      }
    }
  }

  private static <T> T get(Future<T> f) throws IOException {
    return Failures.get(f, "reading");
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    workers.shutdownNow();
    index.close();
    try {
      lock.close();
    } catch (IOException e) {
      // A lock left behind is harmless: it turns stale once this process is gone.
      LOG.warn("could not release the read lock on {}: {}", volume.location(), e.getMessage());
    }
  }
}
