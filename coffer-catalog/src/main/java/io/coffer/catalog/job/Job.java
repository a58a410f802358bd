package io.coffer.catalog.job;

import java.time.Instant;

/**
 * A job as the catalog holds it. {@code agent} is the agent it must run on (null: any agent);
 * {@code claimedBy} the one that took it. {@code parameters} belong to the engine (e.g. the options
 * of a backup run by hand); the catalog stores them as given.
 */
public record Job(
    long id,
    JobType type,
    JobState state,
    String agent,
    String claimedBy,
    Long definitionId,
    Long oneoffId,
    Long restoreDefinitionId,
    Long backupId,
    String parameters,
    double progress,
    String progressMessage,
    boolean abortRequested,
    String error,
    Instant createdAt,
    Instant claimedAt,
    Instant heartbeatAt,
    Instant finishedAt) {}
