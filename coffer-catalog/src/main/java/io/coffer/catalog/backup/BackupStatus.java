package io.coffer.catalog.backup;

import io.coffer.catalog.Enums;

/** Where a backup stands. Only SUCCEEDED backups have a manifest in the volume and can be restored. */
public enum BackupStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  ABORTED;

  public static final String FIELD = "status";

  public static BackupStatus parse(String text) {
    return Enums.parse(BackupStatus.class, FIELD, text);
  }
}
