package io.coffer.engine.run;

import java.io.IOException;

/**
 * The line between a running backup (or restore) and whoever runs it. The service asks {@link
 * #checkpoint()} wherever stopping is safe — every write into the volume, before the manifest is
 * committed — so an abort stops the pipeline within the time of one buffer, and the drivers, whose
 * writes then fail, kill their child processes.
 *
 * <p>Thread-safe: checked from the pipeline's worker threads, set from the agent's heartbeat.
 */
public interface RunControl {

  /** Never aborts and hears nothing: a run nobody can stop from outside. */
  RunControl NONE = new RunControl() {
    @Override
    public boolean abortRequested() {
      return false;
    }

    @Override
    public String abortReason() {
      return "";
    }
  };

  boolean abortRequested();

  /** Why the run was aborted, e.g. {@code aborted by job abort 12}. */
  String abortReason();

  /** Throws {@link AbortedException} once an abort was asked for. */
  default void checkpoint() throws AbortedException {
    if (abortRequested()) {
      throw new AbortedException(abortReason());
    }
  }

  /** The catalog row of the backup this run records, once it exists. */
  default void backupStarted(long backupId) {}

  /** The run entered a phase, in words (seed 004's comment: "Backup is active"). */
  default void phase(String text) {}

  /** Thrown into the pipeline when the run was aborted; an IOException so streams pass it on. */
  final class AbortedException extends IOException {
    public AbortedException(String reason) {
      super(reason);
    }
  }
}
