package io.coffer.catalog.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * PgBackMan's statistics over a set of backups. Counts cover every backup; sizes, times and
 * durations cover only SUCCEEDED ones, because only they are in the volume.
 *
 * @param bytesRead what the successful backups read from their nodes
 * @param bytesNew what was new to the volume, before compression
 * @param bytesStored what the volume stores for them, compressed and encrypted
 * @param totalDuration the time the successful backups took, added up
 * @param averageDuration the time one successful backup took on average
 */
public record BackupTotals(
    String scope,
    long backups,
    Map<BackupStatus, Long> byStatus,
    Map<Kind, Long> byKind,
    long bytesRead,
    long bytesNew,
    long bytesStored,
    Optional<Instant> oldest,
    Optional<Instant> newest,
    Duration totalDuration,
    Optional<Duration> averageDuration) {

  /** How many bytes were read for each new byte: the deduplication ratio (0 with no data). */
  public double dedupRatio() {
    return bytesNew == 0 ? 0 : (double) bytesRead / bytesNew;
  }

  /** How many bytes were read for each byte stored: deduplication and compression together. */
  public double reductionRatio() {
    return bytesStored == 0 ? 0 : (double) bytesRead / bytesStored;
  }
}
