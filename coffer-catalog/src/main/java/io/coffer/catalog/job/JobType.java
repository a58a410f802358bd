package io.coffer.catalog.job;

import io.coffer.catalog.Enums;

/** What a job does. */
public enum JobType {
  BACKUP,
  RESTORE,
  VERIFY,
  PRUNE,
  RETENTION;

  public static final String FIELD = "type";

  public static JobType parse(String text) {
    return Enums.parse(JobType.class, FIELD, text);
  }
}
