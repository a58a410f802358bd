package io.coffer.catalog.run;

/**
 * A backup, restore or verification whose process ended without finishing it, as recorded by
 * {@link InterruptedRuns#fail}: {@code what} is {@code backup}, {@code restore} or
 * {@code verification}; {@code error} is the reason now on its row.
 */
public record InterruptedRun(String what, long id, Runner runner, String error) {

  /** What the user is told, once: {@code backup 41 was left RUNNING; recorded it as ended: <error>}. */
  @Override
  public String toString() {
    return what + " " + id + " was left RUNNING; recorded it as ended: " + error;
  }
}
