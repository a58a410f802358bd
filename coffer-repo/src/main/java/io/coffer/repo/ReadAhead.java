package io.coffer.repo;

import io.coffer.repo.tree.FileStat;
import io.coffer.repo.tree.NativeFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;

/**
 * Starts the reading of a tree's files ahead of the backup that reads them: a thread walks the tree in
 * the walk's own order (names sorted, the same paths left out) and asks the kernel to read each
 * regular file's first bytes into the page cache ({@link NativeFiles#willNeed}), staying at most
 * {@link #WINDOW_FILES} files and {@link #WINDOW_BYTES} bytes ahead of what the walk has read.
 *
 * <p>Why: the walk reads one file at a time, so on a cold cache each small file was a wait for the
 * disk: a full backup of 30,000 small files took 11.3–13.1 s with the tree on disk against 7.8–9.0 s
 * with it in the page cache (docs/benchmarks.md, "Reading ahead of a full backup"). Advice is only
 * advice: whatever this thread misses, or gets wrong (a file changed between its stat and the walk's),
 * the walk reads as before. Used for full backups only: a level backup reads only what changed,
 * which it learns as it walks.
 */
final class ReadAhead implements AutoCloseable {

  static final int WINDOW_FILES = 512;
  static final long WINDOW_BYTES = 64L << 20;
  /** A longer file is advised this far; the kernel's own read-ahead follows a sequential read. */
  static final long PER_FILE = 8L << 20;

  private final Path root;
  private final Predicate<String> leaveOut;
  /** {@link NativeFiles#willNeed}, or what a test records. */
  private final ObjLongConsumer<Path> advise;
  private final AtomicLong walkedFiles = new AtomicLong();
  private final AtomicLong walkedBytes = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  /** Written by this thread only; volatile for {@link #advised()}. */
  private volatile long advisedFiles;
  private long advisedBytes;
  /** Looks at the walk while waiting for it, for tests: each one saw the walk's count as it then was. */
  private volatile long looks;

  private ReadAhead(Path root, Predicate<String> leaveOut, ObjLongConsumer<Path> advise) {
    this.root = root;
    this.leaveOut = leaveOut;
    this.advise = advise;
    this.thread = new Thread(this::run, "coffer-read-ahead");
    thread.setDaemon(true);
  }

  /** Starts reading ahead of a walk of {@code root}; null where the C library is not bound. */
  static ReadAhead start(Path root, Predicate<String> leaveOut) {
    return NativeFiles.available() ? start(root, leaveOut, NativeFiles::willNeed) : null;
  }

  static ReadAhead start(Path root, Predicate<String> leaveOut, ObjLongConsumer<Path> advise) {
    ReadAhead ahead = new ReadAhead(root, leaveOut, advise);
    ahead.thread.start();
    return ahead;
  }

  /** The walk has passed a regular file of {@code size} bytes (read, taken from a hard link, or gone). */
  void walked(long size) {
    walkedFiles.incrementAndGet();
    walkedBytes.addAndGet(Math.min(size, PER_FILE));
  }

  /** Files this thread has advised, for tests. */
  long advised() {
    return advisedFiles;
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }

  /** How often the thread has looked at the walk while waiting for it, for tests. */
  long looks() {
    return looks;
  }

  /** Whether the thread still runs, for tests. */
  boolean running() {
    return thread.isAlive();
  }

  private void run() {
    try {
      directory(root, "");
    } catch (IOException | RuntimeException e) {
      // Advice only: the walk reads what it reads either way.
    }
  }

  private void directory(Path dir, String rel) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      return;
    }
    names.sort(String::compareTo);
    for (String name : names) {
      if (closed) {
        return;
      }
      String path = rel.isEmpty() ? name : rel + "/" + name;
      if (leaveOut.test(path)) {
        continue;
      }
      Path p = dir.resolve(name);
      FileStat stat;
      try {
        stat = FileStat.of(p);
      } catch (IOException e) {
        continue;
      }
      if (stat.type() == FileStat.Type.DIR) {
        directory(p, path);
      } else if (stat.type() == FileStat.Type.FILE) {
        long bytes = Math.min(stat.size(), PER_FILE);
        awaitRoom(bytes);
        if (closed) {
          return;
        }
        if (bytes > 0) {
          advise.accept(p, bytes);
        }
        advisedFiles++;
        advisedBytes += bytes;
      }
    }
  }

  /**
   * Once the window is full, waits until the walk has read half of it, looking every 10 ms: a
   * wake-up by the walk at each file it passed was a context switch per file (30,000 in a backup).
   */
  private void awaitRoom(long bytes) {
    if (!ahead(bytes, WINDOW_FILES - 1, WINDOW_BYTES)) {
      return;
    }
    while (!closed && ahead(bytes, WINDOW_FILES / 2, WINDOW_BYTES / 2)) {
      looks++;
      LockSupport.parkNanos(this, 10_000_000L);
    }
  }

  /**
   * Whether more than {@code files} files would be pending (advised, not yet walked), or, with any
   * pending, more than {@code limit} bytes once {@code bytes} more are advised.
   */
  private boolean ahead(long bytes, int files, long limit) {
    long pending = advisedFiles - walkedFiles.get();
    return pending > files || pending > 0 && advisedBytes + bytes - walkedBytes.get() > limit;
  }
}
