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
}
