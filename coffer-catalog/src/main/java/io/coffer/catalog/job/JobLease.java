package io.coffer.catalog.job;

import java.time.Instant;

/**
 * Who holds a claimed job and until when: the process (host and pid) that runs it, its last
 * heartbeat and the moment its lease runs out unless renewed. All null while the job is QUEUED.
 */
public record JobLease(Instant claimedAt, Instant heartbeatAt, Instant expiresAt, String runnerHost, Long runnerPid) {
}
