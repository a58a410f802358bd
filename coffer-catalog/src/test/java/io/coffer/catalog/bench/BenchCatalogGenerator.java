package io.coffer.catalog.bench;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.testing.TestDatabase;
import io.coffer.catalog.volume.NewVolume;
import io.coffer.model.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Fills a catalog: agents, nodes and a volume through the catalog API, then definitions and
 * backups with batched inserts (the API records each change in its own transaction and history
 * row, which is right for people and far too slow for a million rows). Backups are inserted day by
 * day, so ids grow with start times as in a real catalog.
 */
final class BenchCatalogGenerator {

  static final int AGENTS = 10;
  private static final List<String> KINDS = List.of("FULL", "FULL", "SCHEMA", "DATA", "CLUSTER");
  private static final long DAY = 86_400_000L;
  private static final long START = 1_767_225_600_000L;

  private final Random random;

  BenchCatalogGenerator(long seed) {
    this.random = new Random(seed);
  }

  void generate(Catalog catalog, TestDatabase.Instance instance, int nodes, int definitionsPerNode, int backups)
      throws SQLException {
    for (int a = 0; a < AGENTS; a++) {
      catalog.agents().add(NewAgent.of("agent" + a));
    }
    catalog.volumes().add(new NewVolume("v1", "/srv/coffer/v1", ""));
    for (int n = 0; n < nodes; n++) {
      catalog.nodes().add(NewNode.builder("node" + n, Engine.POSTGRESQL).host("db" + n + ".example.org").build());
    }
    try (Connection connection = instance.connect()) {
      connection.setAutoCommit(false);
      long firstAgent = id(connection, "select min(id) from agent");
      long firstNode = id(connection, "select min(id) from node");
      long volume = id(connection, "select id from volume");
      int definitions = nodes * definitionsPerNode;
      insertDefinitions(connection, nodes, definitionsPerNode, firstAgent, firstNode, volume);
      long firstDefinition = id(connection, "select min(id) from definition");
      insertBackups(connection, definitions, definitionsPerNode, backups, firstAgent, firstNode, firstDefinition, volume);
    }
  }

  private void insertDefinitions(Connection connection, int nodes, int perNode, long firstAgent, long firstNode,
      long volume) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert into definition (agent_id, node_id, volume_id,"
        + " databases, cron_minute, cron_hour, cron_day_of_month, cron_month, cron_day_of_week, kind, level_plan,"
        + " retention_period, retention_redundancy, status, created_at, updated_at) values"
        + " (?, ?, ?, ?, ?, ?, '*', '*', '*', ?, '0,1,1,1,1,1,1', '30 days', 2, 'ACTIVE', ?, ?)")) {
      for (int n = 0; n < nodes; n++) {
        for (int d = 0; d < perNode; d++) {
          insert.setLong(1, firstAgent + n % AGENTS);
          insert.setLong(2, firstNode + n);
          insert.setLong(3, volume);
          insert.setString(4, "db" + d);
          insert.setString(5, Integer.toString(random.nextInt(60)));
          insert.setString(6, Integer.toString(1 + random.nextInt(6)));
          insert.setString(7, KINDS.get(d % KINDS.size()));
          insert.setLong(8, START);
          insert.setLong(9, START);
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
    connection.commit();
  }

  private void insertBackups(Connection connection, int definitions, int perNode, int backups, long firstAgent,
      long firstNode, long firstDefinition, long volume) throws SQLException {
    byte[] manifest = new byte[16];
    try (PreparedStatement insert = connection.prepareStatement("insert into backup (definition_id, node_id, agent_id,"
        + " volume_id, databases, kind, manifest_id, level, started_at, finished_at, duration_ms, bytes_read,"
        + " bytes_new, bytes_stored, status, error, log_tail, expires_at, checksum, server_version, tool_version)"
        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '15.20', 'pg_dump 15.20')")) {
      for (int b = 0; b < backups; b++) {
        int definition = b % definitions;
        int day = b / definitions;
        int node = definition / perNode;
        long started = START + day * DAY + random.nextInt(6 * 3600) * 1000L;
        long duration = 10_000 + random.nextInt(600_000);
        long read = 1_000_000 + (long) random.nextInt(1_000_000_000);
        int roll = random.nextInt(100);
        String status = roll < 97 ? "SUCCEEDED" : roll < 99 ? "FAILED" : "ABORTED";
        random.nextBytes(manifest);
        insert.setLong(1, firstDefinition + definition);
        insert.setLong(2, firstNode + node);
        insert.setLong(3, firstAgent + node % AGENTS);
        insert.setLong(4, volume);
        insert.setString(5, "db" + definition % perNode);
        insert.setString(6, KINDS.get(definition % perNode % KINDS.size()));
        insert.setString(7, status.equals("SUCCEEDED") ? HexFormat.of().formatHex(manifest) : null);
        insert.setInt(8, day % 7 == 0 ? 0 : 1);
        insert.setLong(9, started);
        insert.setLong(10, started + duration);
        insert.setLong(11, duration);
        insert.setLong(12, read);
        insert.setLong(13, read / (day % 7 == 0 ? 3 : 50));
        insert.setLong(14, read / (day % 7 == 0 ? 9 : 150));
        insert.setString(15, status);
        insert.setString(16, status.equals("SUCCEEDED") ? "" : "pg_dump: error: connection lost");
        insert.setString(17, "pg_dump: dumping contents of table public.orders\npg_dump: done");
        insert.setLong(18, started + duration + 30 * DAY);
        insert.setString(19, "sha256:" + HexFormat.of().formatHex(manifest));
        insert.addBatch();
        if (b % 10_000 == 9_999) {
          insert.executeBatch();
          connection.commit();
        }
      }
      insert.executeBatch();
    }
    connection.commit();
    // One backup in ten was verified: backup list shows each row's latest verification.
    try (var statement = connection.createStatement()) {
      statement.executeUpdate("insert into verification (backup_id, node_id, scope, started_at, finished_at,"
          + " duration_ms, status, tables_checked, rows_checked) select id, node_id, 'CONTENT', finished_at,"
          + " finished_at + 60000, 60000, 'PASSED', 12, 100000 from backup where status = 'SUCCEEDED' and id % 10 = 0");
    }
    connection.commit();
  }

  private static long id(Connection connection, String sql) throws SQLException {
    try (var statement = connection.createStatement(); var row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }
}
