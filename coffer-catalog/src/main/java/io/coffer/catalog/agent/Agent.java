package io.coffer.catalog.agent;

import java.time.Instant;
import java.util.Optional;

/**
 * An agent as the catalog holds it. {@code name} is {@code host.domain}, or the host alone.
 * {@code version}, {@code startedAt} and {@code aliveUntil} are written by a running
 * {@code coffer agent run}: each heartbeat vouches for it until {@code aliveUntil}.
 */
public record Agent(
    long id,
    String name,
    String host,
    String domain,
    AgentStatus status,
    String remarks,
    Instant lastHeartbeat,
    Instant createdAt,
    Instant updatedAt,
    String version,
    Instant startedAt,
    Instant aliveUntil) {

  public Optional<Instant> heartbeat() {
    return Optional.ofNullable(lastHeartbeat);
  }

  /** Whether a running agent process vouched for itself recently enough: ONLINE, else OFFLINE. */
  public boolean online(Instant now) {
    return aliveUntil != null && aliveUntil.isAfter(now);
  }
}
