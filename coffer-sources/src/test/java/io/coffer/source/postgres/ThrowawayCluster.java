package io.coffer.source.postgres;

import io.coffer.testing.ThrowawayPostgres;
import java.nio.file.Path;

/**
 * A PostgreSQL cluster of its own on a free port ({@link ThrowawayPostgres}), for CLUSTER backups: a
 * CLUSTER backup takes every database and role of a node, which on the shared server would include
 * other people's. Its server programs are those of the pg_dump the driver chooses for the shared server.
 */
final class ThrowawayCluster implements AutoCloseable {

  private final ThrowawayPostgres cluster;
  final int port;

  ThrowawayCluster() throws Exception {
    cluster = new ThrowawayPostgres(PgTools.standard().forServer(new PgServer().strings("postgres",
        "SHOW server_version").get(0)).bin());
    port = cluster.port();
  }

  /** The cluster's data directory, for PHYSICAL backups that read it. */
  Path dataDirectory() {
    return cluster.dataDirectory();
  }

  /** The directory of the server programs (pgbench beside them on Debian is in /usr/bin). */
  Path bin() {
    return cluster.bin();
  }

  PgServer server() {
    return new PgServer(port);
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
