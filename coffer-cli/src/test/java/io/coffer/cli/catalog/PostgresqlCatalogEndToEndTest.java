package io.coffer.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.CliHarness;
import io.coffer.engine.demo.SampleDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on a shared PostgreSQL catalog (the machine's server, in a schema of its own that
 * is dropped afterwards): register, back up, restore, list, stats. {@code COFFER_TEST_PG_URL} and
 * {@code COFFER_TEST_PG_USER} point it at another server.
 */
class PostgresqlCatalogEndToEndTest {

  static final String URL = env("COFFER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String USER = env("COFFER_TEST_PG_USER", "postgres");

  @TempDir Path tmp;
  final String schema = "coffer_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp).variable("COFFER_CATALOG_URL", URL).variable("COFFER_CATALOG_USER", USER)
        .variable("COFFER_CATALOG_SCHEMA", schema);
  }

  @AfterEach
  void dropSchema() throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop schema if exists " + schema + " cascade");
    }
  }

  @Test
  void backupAndRestore_recordedInAPostgresqlCatalog() throws IOException {
    cli.registerBasics();
    SampleDatabase.ofSize(5, 500_000).create(cli.data.resolve("shop.db"));
    cli.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--retention", "2 weeks");
    assertThat(cli.ok("backup", "run", "1").out()).contains("[Done] backup 1 of node shop");
    assertThat(cli.ok("restore", "run", "1", "--target-node", "shop", "--target-database", "copy.db").out())
        .contains("[Done] restore 1");
    assertThat(cli.ok("backup", "list", "--node", "shop").out()).contains("SUCCEEDED");
    assertThat(cli.ok("stats", "--agent", "backup01").out()).contains("SUCCEEDED 1");
    assertThat(cli.ok("history", "--limit", "200").out()).contains("backup finish").contains("restore finish");
    assertThat(cli.data.resolve("copy.db")).exists();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
