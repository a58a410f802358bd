package io.coffer.source;

import io.coffer.testing.Await;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread that commits one transaction after another on its own connection until closed, counting
 * the commits, for the tests that take a backup while the database is written to. A test waits for
 * commits that really happened ({@link #awaitCommits}) instead of sleeping and hoping the writer got
 * going, and a writer that failed fails the test instead of dying unseen.
 */
public final class ConcurrentWriter implements AutoCloseable {

  /** One transaction, committed by the time it returns. */
  public interface Transaction {
    void commit(Statement statement, Random random) throws SQLException;
  }

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  private ConcurrentWriter(Callable<Connection> connect, long seed, Transaction transaction) {
    thread = new Thread(() -> {
      Random random = new Random(seed);
      try (Connection c = connect.call(); Statement s = c.createStatement()) {
        while (!stop.get()) {
          transaction.commit(s, random);
          commits.incrementAndGet();
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "concurrent-writer");
  }

  public static ConcurrentWriter start(Callable<Connection> connect, long seed, Transaction transaction) {
    ConcurrentWriter w = new ConcurrentWriter(connect, seed, transaction);
    w.thread.start();
    return w;
  }

  /** Returns once {@code n} transactions have committed; fails when the writer failed first. */
  public void awaitCommits(long n) {
    // The project's patience (not a minute): on a loaded machine the writer's first commits can take
    // longer, and a writer that failed ends the wait at once through the guard.
    try {
      Await.until("the concurrent writer's first " + n + " commits", () -> commits.get() >= n, this::requireNoFailure);
    } catch (AssertionError | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("waiting for the concurrent writer's first " + n + " commits: " + e, e);
    }
  }

  public long commits() {
    return commits.get();
  }

  /** Stops the writer after its current transaction and fails if it failed. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join();
    requireNoFailure();
  }

  private void requireNoFailure() {
    Throwable e = failure.get();
    if (e != null) {
      throw new AssertionError("the concurrent writer failed after " + commits.get() + " commits: " + e, e);
    }
  }
}
