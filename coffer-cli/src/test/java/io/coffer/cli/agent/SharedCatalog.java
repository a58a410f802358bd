package io.coffer.cli.agent;

import io.coffer.cli.CliHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A PostgreSQL catalog database of the test's own on the machine's server (a unique name, dropped at
 * the end), the way several agents share one: {@code COFFER_TEST_PG_URL} (the server's
 * {@code postgres} database) and {@code COFFER_TEST_PG_USER} point it at another server. Leases and
 * heartbeats are short, so that a test sees an agent's death in seconds.
 */
final class SharedCatalog implements AutoCloseable {

  static final String ADMIN_URL = env("COFFER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String USER = env("COFFER_TEST_PG_USER", "postgres");

  final String name = "coffer_agents_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  final String url;

  SharedCatalog() throws SQLException {
    url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    admin("create database " + name);
  }

  /** The variables of a process that uses this catalog as agent {@code agent} with its home in {@code home}. */
  Map<String, String> agentVariables(String agent, Path home) {
    Map<String, String> variables = new HashMap<>(Map.of("COFFER_CATALOG_URL", url, "COFFER_CATALOG_USER", USER,
        "COFFER_AGENT", agent, "COFFER_HOME", home.toString(), "COFFER_AGENT_HEARTBEAT", "500ms",
        "COFFER_JOB_LEASE", "6s", "COFFER_AGENT_POLL", "250ms"));
    return variables;
  }

  /** A harness whose commands use this catalog (as agent backup01, with short leases). */
  CliHarness harness(Path root) throws java.io.IOException {
    CliHarness cli = new CliHarness(root);
    agentVariables("backup01", cli.home).forEach(cli::variable);
    return cli;
  }

  /** One number from the catalog, e.g. {@code select count(*) from job}. */
  long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Rows of a query as maps of column to value. */
  java.util.List<Map<String, Object>> rows(String sql) throws SQLException {
    java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    admin("drop database if exists " + name + " with (force)");
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
