package io.coffer.engine.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells the agent running in this process that this process queued a job, so that it claims the
 * job now instead of at its next poll.
 *
 * <p>Why: {@code coffer agent run --listen} serves the API in the agent's own process, and a backup
 * or restore queued through it waited up to a poll interval (1 s by default) before the agent saw
 * it: for a small backup asked for by a person, longer than the backup itself. Jobs queued by other
 * processes are still found by the poll.
 *
 * <p>Thread-safe: listeners come and go with the agent; any request thread may signal.
 */
public final class QueueSignal {

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Runs {@code listener} after each job this process queues, until {@link #forget} of it. */
  public void listen(Runnable listener) {
    listeners.add(listener);
  }

  public void forget(Runnable listener) {
    listeners.remove(listener);
  }

  /** Tells every listener that a job was queued; a listener only wakes its thread, it never blocks. */
  public void queued() {
    listeners.forEach(Runnable::run);
  }
}
