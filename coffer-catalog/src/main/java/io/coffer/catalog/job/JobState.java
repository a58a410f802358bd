package io.coffer.catalog.job;

import io.coffer.catalog.Enums;

/**
 * Where a job stands: QUEUED until an agent claims it, RUNNING until it ends SUCCEEDED, FAILED or
 * ABORTED. A scheduled run of a definition that is still running from its last time is SKIPPED
 * instead of claimed, with the reason.
 */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  ABORTED,
  SKIPPED;

  public static final String FIELD = "state";

  public static JobState parse(String text) {
    return Enums.parse(JobState.class, FIELD, text);
  }

  public boolean isFinal() {
    return this != QUEUED && this != RUNNING;
  }
}
