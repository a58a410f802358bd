package io.coffer.catalog.node;

import io.coffer.model.CredentialReference;
import io.coffer.model.Engine;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A registered node. Server engines have a host and port; file engines (sqlite, filesystem) a data
 * directory.
 */
public record Node(
    long id,
    String name,
    Engine engine,
    String host,
    Integer port,
    String adminUser,
    CredentialReference credential,
    String dataDirectory,
    NodeStatus status,
    String remarks,
    Instant createdAt,
    Instant updatedAt) {

  public OptionalInt portNumber() {
    return port == null ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /** True when the node is DOWN, which pauses its definitions. */
  public boolean isDown() {
    return status == NodeStatus.DOWN;
  }
}
