package io.coffer.catalog.job;

import java.time.Instant;

/**
 * A job as the catalog holds it. {@code agent} is the agent it must run on (null: any agent);
 * {@code claimedBy} the one that took it. {@code parameters} belong to the engine (e.g. the options
 * of a backup run by hand); the catalog stores them as given. {@code attempt} counts claims: a job
 * queued again after its agent stopped answering is claimed with the next attempt, and only the
 * holder of the current attempt may report on it or end it.
 */
public record Job(
    long id,
    JobType type,
    JobState state,
    String agent,
    String claimedBy,
    JobSubject subject,
    String scheduleKey,
    String parameters,
    JobProgress progress,
    JobLease lease,
    int attempt,
    boolean abortRequested,
    String error,
    Instant createdAt,
    Instant finishedAt) {

  /** The time it was claimed, null while QUEUED. */
  public Instant claimedAt() {
    return lease.claimedAt();
  }
}
