package io.coffer.engine.offline;

import io.coffer.catalog.backup.BackupResult;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.retention.Expire;
import io.coffer.model.Kind;
import io.coffer.repo.manifest.BackupStats;
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
 *
 * <p>Built with {@link #of}: each part is named where it is set, and the three sizes and the
 * report's details come as one value each, so none of the adjacent strings and longs can change
 * places unnoticed. The record's components stay flat: they are the pending file's JSON fields.
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

  /** A result of a backup of {@code databases} of {@code node} into {@code volume}. */
  public static Builder of(String node, String volume, List<String> databases, Kind kind) {
    return new Builder(node, volume, databases, kind);
  }

  /**
   * What the catalog keeps of a driver's report.
   *
   * @param json the whole report, as recorded
   */
  public record ReportDetails(String checksum, String serverVersion, String toolVersion, List<String> roles,
      String json) {
    /** A backup that failed has no report. */
    public static final ReportDetails NONE = new ReportDetails("", "", "", List.of(), "");
  }

  /** Builds a {@link PendingBackup} with each part named. */
  public static final class Builder {
    private final String node;
    private final String volume;
    private final List<String> databases;
    private final Kind kind;
    private Long backupId;
    private int level;
    private Long parentId;
    private Long definitionId;
    private Long oneoffId;
    private String agent;
    private String expire;
    private Instant startedAt;
    private Instant finishedAt;
    private BackupStatus status = BackupStatus.FAILED;
    private String manifestId;
    private BackupStats sizes = new BackupStats(0, 0, 0, 0, 0, 0);
    private String error = "";
    private String logTail = "";
    private ReportDetails report = ReportDetails.NONE;

    private Builder(String node, String volume, List<String> databases, Kind kind) {
      this.node = node;
      this.volume = volume;
      this.databases = databases;
      this.kind = kind;
    }

    /** The catalog's RUNNING row of this backup; null when its start was not recorded. */
    public Builder row(Long id) {
      this.backupId = id;
      return this;
    }

    public Builder level(int value, Long parent) {
      this.level = value;
      this.parentId = parent;
      return this;
    }

    public Builder definition(Long id) {
      this.definitionId = id;
      return this;
    }

    public Builder oneoff(Long id) {
      this.oneoffId = id;
      return this;
    }

    public Builder agent(String name) {
      this.agent = name;
      return this;
    }

    public Builder expire(String value) {
      this.expire = value;
      return this;
    }

    public Builder ran(Instant started, Instant finished) {
      this.startedAt = started;
      this.finishedAt = finished;
      return this;
    }

    /** A backup whose manifest {@code id} is written. */
    public Builder succeeded(String id) {
      this.status = BackupStatus.SUCCEEDED;
      this.manifestId = id;
      this.error = "";
      return this;
    }

    /** A backup that ended without a manifest, FAILED or ABORTED, and why. */
    public Builder ended(BackupStatus value, String reason) {
      this.status = value;
      this.error = reason;
      return this;
    }

    /** What the backup read, added and stored. */
    public Builder sizes(BackupStats stats) {
      this.sizes = stats;
      return this;
    }

    public Builder logTail(String text) {
      this.logTail = text;
      return this;
    }

    public Builder report(ReportDetails value) {
      this.report = value;
      return this;
    }

    public PendingBackup build() {
      return new PendingBackup(backupId, node, volume, databases, kind.name(), level, parentId, definitionId,
          oneoffId, agent, expire, startedAt, finishedAt, status.name(), manifestId, sizes.bytesRead(),
          sizes.bytesNew(), sizes.bytesStored(), error, logTail, report.checksum(), report.serverVersion(),
          report.toolVersion(), report.roles(), report.json());
    }
  }
}
