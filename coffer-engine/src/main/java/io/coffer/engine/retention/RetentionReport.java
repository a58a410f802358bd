package io.coffer.engine.retention;

import io.coffer.catalog.backup.BackupStatus;
import io.coffer.repo.PruneReport;
import java.time.Instant;
import java.util.List;

/**
 * What a retention run removed (or, on a dry run, would remove) and why, what it kept and why, and
 * what each volume that lost backups did: forgotten manifests and the prune that followed.
 *
 * @param removed every backup that went (or would go), newest first per definition or one-off
 * @param kept every backup weighed that stays, with the rule that keeps it
 * @param refused backups that were due to go but stayed: the catalog refused (something came to
 *     depend on them meanwhile) or their volume could not be changed
 * @param volumes one entry per volume that had backups to lose
 */
public record RetentionReport(boolean dryRun, List<Removed> removed, List<Kept> kept, List<Refused> refused,
    List<VolumeOutcome> volumes) {

  /** A backup that went, or would go. {@code manifestId} is null for a run that never committed. */
  public record Removed(long backup, String owner, String volume, String manifestId, BackupStatus status,
      Instant startedAt, String reason) {}

  /** A backup that stays, and the rule that keeps it. */
  public record Kept(long backup, String owner, String reason) {}

  /** A backup due to go that stayed, and why. */
  public record Refused(long backup, String owner, String reason) {}

  /**
   * What one volume did: manifests forgotten and the prune after them ({@code prune} null when none
   * ran); {@code problem} is empty unless something stopped it, e.g. another process holding it.
   */
  public record VolumeOutcome(String volume, int forgotten, PruneReport prune, String problem) {}

  /** True when everything due went (or, on a dry run, could be weighed). */
  public boolean complete() {
    return refused.isEmpty() && volumes.stream().allMatch(v -> v.problem().isEmpty());
  }
}
