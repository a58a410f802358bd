package io.coffer.source.postgres;

import io.coffer.testing.ThrowawayPostgres;

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

  PgServer server() {
    return new PgServer(port);
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
