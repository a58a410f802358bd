package io.coffer.catalog.retention;

import io.coffer.catalog.backup.BackupStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A backup as retention weighs it: when it ran, how it ended, what it builds on, its own expire,
 * and what outside its definition or one-off depends on it.
 *
 * @param manifestId null for a run that never committed a manifest
 * @param parentId the backup a level 1–9 backup builds on; null for level 0
 * @param finishedAt null while it runs
 * @param expire the backup's own expire, which replaces its definition's retention period
 * @param waitingRestores restore definitions still WAITING to restore this backup
 * @param outsideChildren backups of another definition or one-off (or run by hand) that build on it
 */
public record RetentionCandidate(
    long id,
    String volume,
    String manifestId,
    BackupStatus status,
    int level,
    Long parentId,
    Instant startedAt,
    Instant finishedAt,
    Optional<Expire> expire,
    List<Long> waitingRestores,
    List<Long> outsideChildren) {

  public RetentionCandidate {
    waitingRestores = List.copyOf(waitingRestores);
    outsideChildren = List.copyOf(outsideChildren);
  }
}
