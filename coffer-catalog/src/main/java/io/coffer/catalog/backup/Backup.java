package io.coffer.catalog.backup;

import io.coffer.model.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One backup as the catalog records it. Nullable components are unset while the backup runs
 * ({@code finishedAt}, {@code duration}, {@code manifestId}) or do not apply (a backup run by hand
 * has no definition or one-off; a level-0 backup no parent). {@code verification} is the status of
 * its latest verification (RUNNING, PASSED, FAILED, ERROR), empty when it was never verified.
 *
 * <p>Built with {@link #of}: each part is named where it is set, so none of the adjacent ids,
 * strings, instants and sizes can change places unnoticed.
 */
public record Backup(
    long id,
    Long definitionId,
    Long oneoffId,
    String node,
    String agent,
    String volume,
    List<String> databases,
    Kind kind,
    String manifestId,
    int level,
    Long parentId,
    Instant startedAt,
    Instant finishedAt,
    Duration duration,
    long bytesRead,
    long bytesNew,
    long bytesStored,
    BackupStatus status,
    String error,
    String logTail,
    Instant expiresAt,
    String checksum,
    String serverVersion,
    String toolVersion,
    List<String> roles,
    String verification) {

  /**
   * Until when the backup stays in the volume (PgBackMan's "on disk until"): its expiry, computed
   * when it finished from its expire or its definition's retention period. Empty while it runs,
   * and for a backup kept until it is removed by hand.
   */
  public Optional<Instant> onDiskUntil() {
    return Optional.ofNullable(expiresAt);
  }

  /** A backup with catalog id {@code id} of {@code node} into {@code volume}; the builder names the rest. */
  public static Builder of(long id, String node, String volume, Kind kind) {
    return new Builder(id, node, volume, kind);
  }

  /** Builds a {@link Backup} with each part named; unset parts are null (empty lists, no verification). */
  public static final class Builder {
    private final long id;
    private final String node;
    private final String volume;
    private final Kind kind;
    private Long definitionId;
    private Long oneoffId;
    private String agent;
    private List<String> databases = List.of();
    private String manifestId;
    private int level;
    private Long parentId;
    private Instant startedAt;
    private Instant finishedAt;
    private Duration duration;
    private long bytesRead;
    private long bytesNew;
    private long bytesStored;
    private BackupStatus status;
    private String error;
    private String logTail;
    private Instant expiresAt;
    private String checksum;
    private String serverVersion;
    private String toolVersion;
    private List<String> roles = List.of();
    private String verification = "";

    private Builder(long id, String node, String volume, Kind kind) {
      this.id = id;
      this.node = node;
      this.volume = volume;
      this.kind = kind;
    }

    /** The definition it ran for; null for a backup by hand or of a one-off. */
    public Builder definition(Long value) {
      this.definitionId = value;
      return this;
    }

    /** The one-off it ran for; null for a backup by hand or of a definition. */
    public Builder oneoff(Long value) {
      this.oneoffId = value;
      return this;
    }

    public Builder agent(String name) {
      this.agent = name;
      return this;
    }

    /** The databases it holds; empty for a whole node. */
    public Builder databases(List<String> names) {
      this.databases = names;
      return this;
    }

    public Builder manifest(String id) {
      this.manifestId = id;
      return this;
    }

    /** The level, and the backup it builds on (null for level 0). */
    public Builder level(int value, Long parent) {
      this.level = value;
      this.parentId = parent;
      return this;
    }

    public Builder startedAt(Instant value) {
      this.startedAt = value;
      return this;
    }

    public Builder finishedAt(Instant value) {
      this.finishedAt = value;
      return this;
    }

    public Builder duration(Duration value) {
      this.duration = value;
      return this;
    }

    public Builder bytesRead(long value) {
      this.bytesRead = value;
      return this;
    }

    public Builder bytesNew(long value) {
      this.bytesNew = value;
      return this;
    }

    public Builder bytesStored(long value) {
      this.bytesStored = value;
      return this;
    }

    public Builder status(BackupStatus value) {
      this.status = value;
      return this;
    }

    public Builder error(String text) {
      this.error = text;
      return this;
    }

    public Builder logTail(String text) {
      this.logTail = text;
      return this;
    }

    public Builder expiresAt(Instant value) {
      this.expiresAt = value;
      return this;
    }

    public Builder checksum(String value) {
      this.checksum = value;
      return this;
    }

    public Builder serverVersion(String value) {
      this.serverVersion = value;
      return this;
    }

    public Builder toolVersion(String value) {
      this.toolVersion = value;
      return this;
    }

    public Builder roles(List<String> names) {
      this.roles = names;
      return this;
    }

    /** The status of its latest verification; empty when it was never verified. */
    public Builder verification(String value) {
      this.verification = value;
      return this;
    }

    public Backup build() {
      if (status == null) {
        throw new IllegalStateException("backup " + id + " has no status");
      }
      return new Backup(id, definitionId, oneoffId, node, agent, volume, databases, kind, manifestId, level, parentId,
          startedAt, finishedAt, duration, bytesRead, bytesNew, bytesStored, status, error, logTail, expiresAt,
          checksum, serverVersion, toolVersion, roles, verification);
    }
  }
}
