package io.coffer.catalog.testing;

import io.coffer.catalog.CatalogSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The databases the catalog suite runs on: a fresh SQLite file, and a fresh schema in the machine's
 * PostgreSQL ({@code COFFER_TEST_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * user {@code COFFER_TEST_PG_USER}, default {@code postgres}). PostgreSQL being down fails the
 * tests with a message saying so; they are never skipped.
 */
public enum TestDatabase {
  SQLITE,
  POSTGRESQL;

  static final String PG_URL = env("COFFER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String PG_USER = env("COFFER_TEST_PG_USER", "postgres");

  /** A fresh, empty catalog location: a file in a new temporary directory, or a new schema. */
  public Instance create() {
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    if (this == SQLITE) {
      try {
        Path directory = Files.createTempDirectory("coffer-catalog-test-");
        return new Instance(this, CatalogSettings.sqlite(directory.resolve("catalog.db")), directory, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String schema = "coffer_test_" + suffix;
    requirePostgresql();
    return new Instance(this, CatalogSettings.postgresql(PG_URL, PG_USER).withSchema(schema), null, schema);
  }

  private static void requirePostgresql() {
    try (Connection ignored = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      return;
    } catch (SQLException e) {
      throw new IllegalStateException("The catalog suite runs every test on SQLite and on PostgreSQL, and PostgreSQL at "
          + PG_URL + " (user " + PG_USER + ") is not reachable (" + e.getMessage() + ")"
          + ". Start it, or set COFFER_TEST_PG_URL and COFFER_TEST_PG_USER to one that runs.", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** One test location; {@link #drop()} removes it and everything in it. */
  public record Instance(TestDatabase database, CatalogSettings settings, Path directory, String schema) {

    /** A plain connection for test-only inspection (snapshots, wiping), outside the catalog. */
    public Connection connect() throws SQLException {
      if (database == SQLITE) {
        return DriverManager.getConnection("jdbc:sqlite:" + settings.sqliteFile().orElseThrow());
      }
      Connection connection = DriverManager.getConnection(PG_URL, PG_USER, "");
      connection.setSchema(schema);
      return connection;
    }

    public void drop() {
      if (database == SQLITE) {
        try (Stream<Path> files = Files.walk(directory)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return;
      }
      try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, "");
          Statement statement = connection.createStatement()) {
        statement.execute("drop schema if exists " + schema + " cascade");
      } catch (SQLException e) {
        throw new IllegalStateException("could not drop test schema " + schema, e);
      }
    }
  }
}
