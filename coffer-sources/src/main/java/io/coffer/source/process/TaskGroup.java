package io.coffer.source.process;

import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs named tasks on up to N threads and succeeds only if every task succeeds.
 *
 * <p>Design: the first failure cancels the shared {@link Cancellation}, which kills the children and
 * closes the connections the other tasks registered, and tasks not yet started are skipped. {@link
 * #run()} waits for every task to end before it throws, so no child or connection outlives the
 * operation. The exception thrown is the first real failure; the ones it caused are left out.
 */
public final class TaskGroup {

  /** One unit of work; registers its stop actions with the cancellation it is given. */
  @FunctionalInterface
  public interface Task {
    void run(Cancellation cancellation) throws Exception;
  }

  private record Named(String name, Task task) {}

  private final String label;
  private final int parallelism;
  private final Cancellation cancellation;
  private final List<Named> tasks = new ArrayList<>();

  public TaskGroup(String label, int parallelism, Cancellation cancellation) {
    this.label = label;
    this.parallelism = parallelism;
    this.cancellation = cancellation;
  }

  public TaskGroup add(String name, Task task) {
    tasks.add(new Named(name, task));
    return this;
  }

  public void run() throws IOException {
    if (tasks.isEmpty()) {
      return;
    }
    AtomicInteger thread = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, tasks.size()),
            r -> {
              Thread t = new Thread(r, label + "-" + thread.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (Named named : tasks) {
        futures.add(pool.submit(() -> runOne(named)));
      }
      IOException first = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          // runOne throws IOExceptions only, except for an Error (out of memory), which it lets
          // through unwrapped; reported as the group's failure, not as a ClassCastException.
          IOException failure =
              e.getCause() instanceof IOException io
                  ? io
                  : new IOException(label + " failed: " + e.getCause(), e.getCause());
          boolean consequence =
              failure instanceof SourceException se && se.reason() == Reason.CANCELLED;
          if (first == null && !consequence) {
            first = failure;
          }
        }
      }
      if (first != null) {
        throw first;
      }
      if (cancellation.cancelled()) {
        throw new SourceException(Reason.CANCELLED, label + " was stopped");
      }
    } catch (InterruptedException e) {
      cancellation.cancel();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException(label + " was interrupted");
    } finally {
      pool.shutdown();
    }
  }

  private Void runOne(Named named) throws IOException {
    if (cancellation.cancelled()) {
      throw new SourceException(Reason.CANCELLED, named.name() + " was not started");
    }
    try {
      named.task().run(cancellation);
      return null;
    } catch (Error e) {
      cancellation.cancel();
      throw e;
    } catch (Exception e) {
      boolean consequence = cancellation.cancelled();
      cancellation.cancel();
      if (consequence) {
        throw new SourceException(Reason.CANCELLED, named.name() + " was stopped", e);
      }
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException(named.name() + " failed: " + e.getMessage(), e);
    }
  }
}
