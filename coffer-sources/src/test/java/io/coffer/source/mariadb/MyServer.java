package io.coffer.source.mariadb;

import io.coffer.model.CredentialReference;
import io.coffer.source.NodeAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The machine's MariaDB server for tests. Every database and account a test creates starts with this
 * fixture's random prefix, so {@link #close()} removes exactly what the test made. A server that is
 * down fails the test with a message saying so; it is never skipped.
 */
final class MyServer implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  static final int PORT = 3306;
  static final String ADMIN = "root";

  final String prefix = "ct" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  final int port;

  /** The machine's server. */
  MyServer() {
    this(PORT);
  }

  /** A server on this host at the given port, whose root user has an empty password. */
  MyServer(int port) {
    this.port = port;
    try (Connection c = connect(null)) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the MariaDB test server at " + HOST + ":" + port + " (user " + ADMIN
              + ", empty password) is not reachable; start it before running these tests: " + e.getMessage(),
          e);
    }
  }

  NodeAccess node() {
    return NodeAccess.mariadb(HOST, port, ADMIN, CredentialReference.none());
  }

  String name(String suffix) {
    return prefix + "_" + suffix;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://" + HOST + ":" + port + "/" + (database == null ? "" : database), ADMIN, "");
  }

  void execute(String database, String... statements) throws SQLException {
    try (Connection c = connect(database);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Runs a resource script whose statements are separated by {@code separator} lines. */
  void script(String database, String resource, String separator, String db) throws Exception {
    String text;
    try (InputStream in = MyServer.class.getResourceAsStream("/mariadb/" + resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${p}", prefix)
          .replace("${db}", db == null ? "" : "`" + db + "`");
    }
    List<String> statements = new ArrayList<>();
    for (String part : text.split(separator)) {
      if (!part.isBlank()) {
        statements.add(part.strip());
      }
    }
    execute(database, statements.toArray(new String[0]));
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
    return strings(null, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '"
        + prefix + "%' ORDER BY 1");
  }

  List<String> accounts() throws SQLException {
    return strings(null, "SELECT CONCAT(User, '@', Host) FROM mysql.user WHERE User LIKE '" + prefix + "%' ORDER BY 1");
  }

  @Override
  public void close() throws SQLException {
    for (String db : databases()) {
      execute(null, "DROP DATABASE IF EXISTS `" + db + "`");
    }
    for (String row : strings(null,
        "SELECT User, Host, is_role FROM mysql.user WHERE User LIKE '" + prefix + "%'")) {
      String[] f = row.split("\\|");
      execute(null, f[2].equals("Y") ? "DROP ROLE IF EXISTS `" + f[0] + "`" : "DROP USER IF EXISTS `" + f[0] + "`@`" + f[1] + "`");
    }
  }

  /** The dump of a database's schema, with the database's name replaced and the host line left out. */
  String schemaDump(String db) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mariadb-dump", "--host=" + HOST, "--port=" + port, "--user=" + ADMIN,
            "--protocol=TCP", "--default-character-set=utf8mb4", "--no-data", "--routines", "--triggers", "--events",
            "--skip-dump-date", "--no-create-db", db)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("mariadb-dump --no-data of " + db + " failed");
    }
    return out.lines().filter(l -> !l.startsWith("-- Host:")).reduce("", (a, b) -> a + b + "\n").replace(db, "DB");
  }
}
