package io.coffer.engine.offline;

import io.coffer.catalog.backup.BackupResult;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.retention.Expire;
import io.coffer.model.Kind;
import java.time.Instant;
import java.util.List;

/**
 * A backup that ended, with everything the catalog records of it: what it was (node, volume,
 * databases, kind, level, on whose behalf) and how it ended. It is what the engine records in the
 * catalog, and what it writes to a pending file when the catalog is unreachable. Plain values, so
 * that it survives a newer Coffer reading an older file.
 *
 * @param backupId the catalog's RUNNING row of this backup, or null when the start was not recorded
 * @param report the driver's report as JSON, empty when the backup failed
 */
public record PendingBackup(
    Long backupId,
    String node,
    String volume,
    List<String> databases,
    String kind,
    int level,
    Long parentId,
    Long definitionId,
    Long oneoffId,
    String agent,
    String expire,
    Instant startedAt,
    Instant finishedAt,
    String status,
    String manifestId,
    long bytesRead,
    long bytesNew,
    long bytesStored,
    String error,
    String logTail,
    String checksum,
    String serverVersion,
    String toolVersion,
    List<String> roles,
    String report) {

  public PendingBackup {
    databases = databases == null ? List.of() : List.copyOf(databases);
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  /** The start as the catalog records it. */
  public BackupStart start() {
    return start(level, parentId);
  }

  /** The start at another level: a pending incremental whose parent the catalog no longer has. */
  public BackupStart start(int atLevel, Long parent) {
    BackupStart start = BackupStart.of(node, volume, databases, Kind.valueOf(kind)).level(atLevel, parent)
        .startedAt(startedAt);
    if (definitionId != null) {
      start.definition(definitionId);
    }
    if (oneoffId != null) {
      start.oneoff(oneoffId);
    }
    if (agent != null) {
      start.agent(agent);
    }
    if (expire != null) {
      start.expire(Expire.parse(expire));
    }
    return start;
  }

  /** How it ended, as the catalog records it. */
  public BackupResult result() {
    BackupResult result = switch (BackupStatus.valueOf(status)) {
      case SUCCEEDED -> BackupResult.succeeded(manifestId);
      case ABORTED -> BackupResult.aborted(error);
      default -> BackupResult.failed(error);
    };
    return result.bytes(bytesRead, bytesNew, bytesStored).logTail(logTail).checksum(checksum)
        .versions(serverVersion, toolVersion).roles(roles).report(report).finishedAt(finishedAt);
  }

  public boolean succeeded() {
    return BackupStatus.SUCCEEDED.name().equals(status);
  }
}
