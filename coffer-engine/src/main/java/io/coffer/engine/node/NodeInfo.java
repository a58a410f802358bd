package io.coffer.engine.node;

import io.coffer.catalog.Enums;
import io.coffer.catalog.node.Credentials;
import io.coffer.catalog.node.Node;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.model.CredentialReference;
import io.coffer.model.Engine;

/**
 * What the engine needs to reach a node, as plain values: read from the catalog, or from the cache
 * when the catalog is unreachable (DESIGN rule 3). The credential is a reference, never a password.
 */
public record NodeInfo(
    long id,
    String name,
    String engine,
    String host,
    Integer port,
    String adminUser,
    String credential,
    String dataDirectory,
    String status) {

  public static NodeInfo of(Node node) {
    return new NodeInfo(node.id(), node.name(), node.engine().toString(), node.host(), node.port(), node.adminUser(),
        node.credential().toString(), node.dataDirectory(), node.status().name());
  }

  public Engine engineType() {
    return Enums.engine(engine);
  }

  public CredentialReference credentialReference() {
    return Credentials.parse(credential);
  }

  public boolean isDown() {
    return NodeStatus.DOWN.name().equals(status);
  }
}
