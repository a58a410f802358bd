package io.coffer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Databases of a test's own on the machine's PostgreSQL server (127.0.0.1:5432, user postgres,
 * trust authentication): named by a prefix and a random part, so that runs at once on the shared
 * server do not meet, and dropped after each test. Every name {@link #name} gives out is dropped,
 * whether the test made the database or a command it ran did (a restored copy). Register it with
 * {@code @RegisterExtension}.
 */
public final class LocalPostgres implements AfterEachCallback {

  public static final String HOST = "127.0.0.1";
  public static final String USER = "postgres";

  private final String base;
  private final Set<String> names = new LinkedHashSet<>();

  /** Databases named {@code prefix} and ten random hex digits, then each name's suffix. */
  public LocalPostgres(String prefix) {
    this.base = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** The database {@code suffix} of this test ({@code ""} for its main one), dropped after the test. */
  public String name(String suffix) {
    String name = base + suffix;
    names.add(name);
    return name;
  }

  /** Creates the database {@code suffix} and runs {@code statements} in it (tables, rows); returns its name. */
  public String create(String suffix, String... statements) throws SQLException {
    String name = name(suffix);
    execute("postgres", "create database " + name);
    execute(name, statements);
    return name;
  }

  public void execute(String database, String... statements) throws SQLException {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** The first column of a query's rows, as text (a count, a fingerprint, names). */
  public List<String> column(String database, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  /** The one value a query returns, as text. */
  public String value(String database, String query) throws SQLException {
    List<String> values = column(database, query);
    if (values.size() != 1) {
      throw new AssertionError(query + " returned " + values.size() + " rows in " + database + ", not one");
    }
    return values.get(0);
  }

  /** Whether the server has a database {@code name}. */
  public boolean exists(String name) throws SQLException {
    return !column("postgres", "select 1 from pg_database where datname = '" + name + "'").isEmpty();
  }

  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/" + database, USER, "");
  }

  /** Registers this server as PostgreSQL node {@code node} of the harness (admin user postgres, trust). */
  public static void addNode(CliHarness cli, String node) {
    cli.ok("node", "add", node, "--engine", "postgresql", "--host", HOST, "--admin-user", USER);
  }

  /** A harness in {@code root} with {@link CliHarness#registerBasics() the basics} and this server as node {@code node}. */
  public static CliHarness harnessWithNode(Path root, String node) throws IOException {
    CliHarness cli = new CliHarness(root);
    cli.registerBasics();
    addNode(cli, node);
    return cli;
  }

  /** Drops every database named, forcing out sessions a failed test left behind. */
  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    List<String> dropped = new ArrayList<>(names);
    names.clear();
    for (String name : dropped) {
      execute("postgres", "drop database if exists " + name + " with (force)");
    }
  }
}
