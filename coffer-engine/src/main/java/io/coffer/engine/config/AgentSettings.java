package io.coffer.engine.config;

import io.coffer.catalog.schedule.CronSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How a running agent behaves and how jobs are leased, from {@code coffer.yaml}. Validated with the
 * rest of the configuration: a lease must outlast at least two heartbeats, or a busy agent would
 * lose its jobs to the others.
 *
 * @param heartbeat how often the agent renews its leases and reports progress
 * @param poll how often it looks for due work (a due job starts within about this long)
 * @param gracePeriod how long a stopping agent lets running jobs finish before aborting them
 * @param lease how long a claim lasts without a heartbeat
 * @param retries how often a job whose agent stopped answering is queued again
 * @param notifyCommand a command that hears of each notice as JSON on its standard input
 * @param notifyWebhook a URL each notice is POSTed to as JSON
 * @param notifyOnSuccess whether jobs that succeeded are notified too
 * @param retentionSchedule when agents queue the catalog's retention (then the prune of the volumes
 *     that lost backups); empty: never
 */
public record AgentSettings(
    Duration heartbeat,
    Duration poll,
    Duration gracePeriod,
    Duration lease,
    int retries,
    Optional<String> notifyCommand,
    Optional<URI> notifyWebhook,
    boolean notifyOnSuccess,
    Optional<CronSpec> retentionSchedule) {

  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMinutes(5);
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
  /** {@code retention.schedule: daily}: after the night's backups, before the working day. */
  public static final CronSpec DAILY_RETENTION = CronSpec.parse("0 5 * * *");

  /** Whether any notification is configured. */
  public boolean notifies() {
    return notifyCommand.isPresent() || notifyWebhook.isPresent();
  }
}
