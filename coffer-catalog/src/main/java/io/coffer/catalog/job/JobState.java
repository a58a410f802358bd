package io.coffer.catalog.job;

import io.coffer.catalog.Enums;

/** Where a job stands: QUEUED until an agent claims it, RUNNING until it ends one of three ways. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  ABORTED;

  public static final String FIELD = "state";

  public static JobState parse(String text) {
    return Enums.parse(JobState.class, FIELD, text);
  }

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == ABORTED;
  }
}
