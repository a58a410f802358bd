package io.coffer.catalog.schedule;

import io.coffer.catalog.Enums;

/** Where something planned to run once (a one-off, a restore definition) stands. */
public enum RunOnceStatus {
  WAITING,
  DONE,
  FAILED;

  public static final String FIELD = "status";

  public static RunOnceStatus parse(String text) {
    return Enums.parse(RunOnceStatus.class, FIELD, text);
  }
}
