package io.coffer.source;

import io.coffer.model.CredentialReference;
import io.coffer.model.Engine;
import java.nio.file.Path;

/**
 * How to reach a node: a database server (host, port, admin user, credential reference) or, for
 * SQLite, the directory its database files live in. Validated completely on construction.
 *
 * @param engine the node's engine
 * @param host server host name or address; null for SQLite
 * @param port server port; 0 for SQLite
 * @param adminUser the user backups and restores run as; null for SQLite
 * @param credential where the admin user's password comes from
 * @param dataDirectory SQLite only: relative database names resolve against it
 */
public record NodeAccess(
    Engine engine,
    String host,
    int port,
    String adminUser,
    CredentialReference credential,
    Path dataDirectory) {

  public NodeAccess {
    if (engine == null) {
      throw new IllegalArgumentException("node engine is required");
    }
    if (credential == null) {
      credential = CredentialReference.none();
    }
    if (engine == Engine.SQLITE) {
      if (dataDirectory == null) {
        throw new IllegalArgumentException("a sqlite node needs a data directory, got none");
      }
    } else {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("node host is required for engine " + engine.id());
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("node port must be 1..65535, got " + port);
      }
      if (adminUser == null || adminUser.isBlank()) {
        throw new IllegalArgumentException("node admin user is required for engine " + engine.id());
      }
    }
  }

  public static NodeAccess postgresql(String host, int port, String adminUser, CredentialReference credential) {
    return new NodeAccess(Engine.POSTGRESQL, host, port, adminUser, credential, null);
  }

  public static NodeAccess mariadb(String host, int port, String adminUser, CredentialReference credential) {
    return new NodeAccess(Engine.MARIADB, host, port, adminUser, credential, null);
  }

  public static NodeAccess sqlite(Path dataDirectory) {
    return new NodeAccess(Engine.SQLITE, null, 0, null, CredentialReference.none(), dataDirectory);
  }

  /** Fails unless this node has the given engine, as a driver requires of the nodes it is handed. */
  public void require(Engine expected) throws SourceException {
    if (engine != expected) {
      throw new SourceException(
          SourceException.Reason.INVALID_REQUEST,
          "node " + label() + " is " + engine.id() + ", not " + expected.id());
    }
  }

  /** Where the node is, for messages and reports: {@code host:port} or the data directory. */
  public String label() {
    return engine == Engine.SQLITE ? dataDirectory.toString() : host + ":" + port;
  }
}
