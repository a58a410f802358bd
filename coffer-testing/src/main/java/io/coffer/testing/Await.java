package io.coffer.testing;

import java.time.Duration;

/**
 * Waits for a state of the system under test: polls a condition until it holds, and fails at once,
 * naming what was awaited, when a guard says it can no longer come (the child process died, the
 * job failed). The time bound only turns a hang into a failure; it is generous because the
 * machines that run the tests are shared and often loaded (a child JVM once needed 64 s to reach a
 * lock wait at load 25), so it is never what a test measures.
 */
public final class Await {

  /** How long a state may take to come before the wait counts as a hang. */
  public static final Duration PATIENCE = Duration.ofMinutes(5);

  private static final long POLL_MILLIS = 50;

  private Await() {}

  /** A state to wait for. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Throws, saying why, when the awaited state can no longer come. */
  @FunctionalInterface
  public interface Guard {
    void check() throws Exception;
  }

  public static void until(String what, Condition condition) throws Exception {
    until(what, condition, () -> { });
  }

  public static void until(String what, Condition condition, Guard stillPossible) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.holds()) {
      stillPossible.check();
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + PATIENCE.toMinutes() + " minutes for " + what + "; it did not come");
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
