package io.coffer.repo;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The files of a tree restore, handed to its two writer threads in two lanes: files of at least
 * {@link #LARGE} bytes, and the others, each lane in the order the tree lists them. One writer takes
 * large files, and small ones when no large file waits; the other takes only small ones, so a small
 * file never waits behind two large ones. One writer is enough for the large files: each keeps
 * sixteen segments in flight on the reading threads ({@code BackupReader}).
 *
 * <p>Why: a small file costs the kernel (a new inode, the directory's lock), a large one costs the
 * reading threads (decrypting, decoding and hashing its segments). In one queue in the tree's order
 * a PostgreSQL data directory's hundreds of small catalog files came first: both writers created
 * files while the reading threads waited (a quarter of a cold 350 MB restore), then both wrote
 * large files while the kernel had little to do. In two lanes the two kinds of work overlap. Each
 * lane keeps the tree's order, so small files whose chunks share a segment are still read one after
 * the other and the segment is decoded once.
 *
 * <p>The small lane holds up to {@link #SMALL_QUEUED} files and the large one {@link #LARGE_QUEUED}:
 * the walk runs far enough ahead to find the large files behind a directory of small ones, while
 * what waits stays bounded (a queued file holds its tree node, not its bytes).
 */
final class WriteLanes implements AutoCloseable {

  /** A segment's plaintext: a file this large has segments of its own to read. */
  static final long LARGE = 1 << 20;
  private static final int LARGE_QUEUED = 16;
  private static final int SMALL_QUEUED = 4096;

  private final Object lock = new Object();
  private final ArrayDeque<Runnable> large = new ArrayDeque<>();
  private final ArrayDeque<Runnable> small = new ArrayDeque<>();
  private final ExecutorService writers;
  /** Files handed out and not yet written (queued or running). */
  private int pending;
  private boolean closed;

  WriteLanes(String name) {
    this.writers = Threads.pool(2, name);
    writers.execute(() -> drain(true));
    writers.execute(() -> drain(false));
  }

  /** Queues a file of {@code size} bytes, waiting while its lane is full. Tasks handle their own failures. */
  void submit(Runnable task, long size) throws InterruptedException {
    synchronized (lock) {
      ArrayDeque<Runnable> lane = size >= LARGE ? large : small;
      int room = lane == large ? LARGE_QUEUED : SMALL_QUEUED;
      while (lane.size() >= room && !closed) {
        lock.wait();
      }
      if (closed) {
        throw new IllegalStateException("the restore's writers are stopped");
      }
      lane.add(task);
      pending++;
      lock.notifyAll();
    }
  }

  /** Waits until every file queued so far is written. */
  void awaitAll() throws InterruptedException {
    synchronized (lock) {
      while (pending > 0) {
        lock.wait();
      }
    }
  }

  /** Stops the writers: what is still queued is dropped, what runs finishes (a minute at most). */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      pending -= large.size() + small.size();
      large.clear();
      small.clear();
      lock.notifyAll();
    }
    writers.shutdown();
    try {
      writers.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The large files' writer's next file: a large one, else a small one. */
  static <T> T next(ArrayDeque<T> own, ArrayDeque<T> other) {
    return own.isEmpty() ? other.poll() : own.poll();
  }

  private void drain(boolean takesLarge) {
    while (true) {
      Runnable task;
      synchronized (lock) {
        while ((takesLarge ? large.isEmpty() && small.isEmpty() : small.isEmpty()) && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        task = takesLarge ? next(large, small) : small.poll();
        lock.notifyAll();
      }
      try {
        task.run();
      } finally {
        synchronized (lock) {
          pending--;
          lock.notifyAll();
        }
      }
    }
  }
}
