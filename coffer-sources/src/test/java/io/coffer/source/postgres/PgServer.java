package io.coffer.source.postgres;

import io.coffer.model.CredentialReference;
import io.coffer.source.NodeAccess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The machine's PostgreSQL server for tests. Every database and role a test creates starts with this
 * fixture's random prefix, so {@link #close()} removes exactly what the test made. A server that is
 * down fails the test with a message saying so; it is never skipped.
 */
final class PgServer implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  static final String ADMIN = "postgres";

  final String prefix = "ct" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  final int port;

  /** The machine's server. */
  PgServer() {
    this(PORT);
  }

  /** A server on this host at the given port, with a trusted postgres user. */
  PgServer(int port) {
    this.port = port;
    try (Connection c = connect("postgres")) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the PostgreSQL test server at " + HOST + ":" + port + " (user " + ADMIN
              + ", trust) is not reachable; start it before running these tests: " + e.getMessage(),
          e);
    }
  }

  NodeAccess node() {
    return NodeAccess.postgresql(HOST, port, ADMIN, CredentialReference.none());
  }

  /** A name owned by this fixture. */
  String name(String suffix) {
    return prefix + "_" + suffix;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + port + "/" + database, ADMIN, "");
  }

  void execute(String database, String... statements) throws SQLException {
    try (Connection c = connect(database);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  List<String> strings(String database, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(r.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  List<String> databases() throws SQLException {
    return strings("postgres", "SELECT datname FROM pg_database WHERE datname LIKE '" + prefix + "%' ORDER BY 1");
  }

  boolean roleExists(String role) throws SQLException {
    return !strings("postgres", "SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'").isEmpty();
  }

  /** Drops this fixture's databases, then its roles. */
  void dropAll() throws SQLException {
    for (String db : databases()) {
      execute("postgres", "DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
    }
    for (String role :
        strings("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE '" + prefix + "%'")) {
      execute("postgres", "DROP ROLE IF EXISTS \"" + role + "\"");
    }
  }

  @Override
  public void close() throws SQLException {
    dropAll();
  }
}
