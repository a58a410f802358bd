package io.coffer.catalog.job;

/**
 * A RUNNING job whose agent stopped renewing its lease, as {@link JobRepository#expireLeases} ended
 * it: FAILED, or QUEUED again for another attempt. {@code volumeLocation} is the volume of the backup
 * it was writing (null if none), whose lock that agent's process ({@code runnerHost}, {@code
 * runnerPid}) may still hold.
 */
public record ExpiredJob(Job job, String reason, boolean requeued, String volumeLocation, String runnerHost,
    Long runnerPid) {}
