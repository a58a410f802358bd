package io.coffer.catalog.backup;

import io.coffer.catalog.CatalogValidationException;
import java.time.Instant;

/**
 * Which backups {@link BackupRepository#list} returns, newest first. Unset filters (null) match
 * everything; {@code database} matches a backup that includes that database.
 */
public record BackupFilter(String node, String database, Long definition, BackupStatus status, Instant since, int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 100_000;

  public BackupFilter {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new CatalogValidationException("limit", limit, "a whole number from 1 to " + MAX_LIMIT);
    }
  }

  /** The newest {@value #DEFAULT_LIMIT} backups of every node. */
  public static BackupFilter newest() {
    return new BackupFilter(null, null, null, null, null, DEFAULT_LIMIT);
  }

  public BackupFilter node(String reference) {
    return new BackupFilter(reference, database, definition, status, since, limit);
  }

  public BackupFilter database(String name) {
    return new BackupFilter(node, name, definition, status, since, limit);
  }

  public BackupFilter definition(long id) {
    return new BackupFilter(node, database, id, status, since, limit);
  }

  public BackupFilter status(BackupStatus value) {
    return new BackupFilter(node, database, definition, value, since, limit);
  }

  /** Backups started at or after {@code time}. */
  public BackupFilter since(Instant time) {
    return new BackupFilter(node, database, definition, status, time, limit);
  }

  public BackupFilter limit(int count) {
    return new BackupFilter(node, database, definition, status, since, count);
  }
}
