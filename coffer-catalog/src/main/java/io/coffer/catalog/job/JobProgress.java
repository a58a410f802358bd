package io.coffer.catalog.job;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a running job is: its phase in words (seed 004's comment, "Backup is active"), what it is
 * reading now (a table, a stream), bytes read of an estimated total (0: not known yet), the rate and
 * the percentage. The terminal progress bar of a backup and {@code backup list --running} show the
 * same numbers.
 */
public record JobProgress(String phase, String current, long bytesDone, long bytesTotal, long bytesPerSecond,
    double percent) {

  public static final JobProgress NONE = new JobProgress("", "", 0, 0, 0, 0);

  public JobProgress {
    phase = phase == null ? "" : phase;
    current = current == null ? "" : current;
  }

  /** The time left at the current rate, when both the total and the rate are known. */
  public Optional<Duration> eta() {
    if (bytesTotal <= 0 || bytesPerSecond <= 0 || bytesDone >= bytesTotal) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds((bytesTotal - bytesDone) / bytesPerSecond));
  }
}
