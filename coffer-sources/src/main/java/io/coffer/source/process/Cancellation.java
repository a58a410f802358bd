package io.coffer.source.process;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A shared stop signal for the tasks of one operation. Work registers how to stop itself (kill a
 * child, abort a connection); {@link #cancel()} runs every registered action once, including those
 * registered later.
 */
public final class Cancellation {

  /** Registered stop action; close it when the work finished normally. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private final List<Runnable> actions = new ArrayList<>();
  private boolean cancelled;

  public synchronized boolean cancelled() {
    return cancelled;
  }

  /** Registers how to stop a piece of work; runs it at once if already cancelled. */
  public Registration onCancel(Runnable stop) {
    boolean runNow;
    synchronized (this) {
      runNow = cancelled;
      if (!runNow) {
        actions.add(stop);
      }
    }
    if (runNow) {
      stop.run();
    }
    return () -> {
      synchronized (Cancellation.this) {
        actions.remove(stop);
      }
    };
  }

  /**
   * Registers ending a JDBC connection: {@link Connection#abort} and not {@code close}, because
   * close may wait for the driver's lock, which a thread blocked reading from the server holds; abort
   * closes the socket under it.
   */
  public Registration abortOnCancel(Connection connection) {
    return onCancel(() -> {
      try {
        connection.abort(Runnable::run);
      } catch (SQLException ignored) {
        // Already closed: nothing left to stop.
      }
    });
  }

  public void cancel() {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = new ArrayList<>(actions);
      actions.clear();
    }
    for (Runnable r : toRun) {
      try {
        r.run();
      } catch (RuntimeException ignored) {
        // Stopping is best effort: the work being stopped reports its own failure.
      }
    }
  }
}
