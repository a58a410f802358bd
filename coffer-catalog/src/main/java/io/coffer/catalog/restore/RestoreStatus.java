package io.coffer.catalog.restore;

import io.coffer.catalog.Enums;

/** Where a restore stands. */
public enum RestoreStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  ABORTED;

  public static final String FIELD = "status";

  public static RestoreStatus parse(String text) {
    return Enums.parse(RestoreStatus.class, FIELD, text);
  }
}
