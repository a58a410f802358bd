package io.coffer.catalog.job;

import java.time.Duration;

/**
 * An agent process asking for work: the agent's name or id, the process (host and pid) that will run
 * what it claims, and how long a claim lasts without a heartbeat before another agent may take the
 * job back.
 */
public record Claimant(String agent, String host, long pid, Duration lease) {}
