package io.coffer.catalog.agent;

import java.time.Instant;
import java.util.Optional;

/** An agent as the catalog holds it. {@code name} is {@code host.domain}, or the host alone. */
public record Agent(
    long id,
    String name,
    String host,
    String domain,
    AgentStatus status,
    String remarks,
    Instant lastHeartbeat,
    Instant createdAt,
    Instant updatedAt) {

  public Optional<Instant> heartbeat() {
    return Optional.ofNullable(lastHeartbeat);
  }
}
