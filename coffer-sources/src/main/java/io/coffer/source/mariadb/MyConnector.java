package io.coffer.source.mariadb;

import io.coffer.model.CredentialReference;
import io.coffer.source.NodeAccess;
import io.coffer.source.Passwords;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.process.SecretFile;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Connections to one MariaDB node for one operation: JDBC connections with the password held in
 * memory, and the leading arguments of client tools, whose password travels only in a 0600
 * defaults file ({@code --defaults-extra-file}). Close it to delete that file.
 */
final class MyConnector implements AutoCloseable {

  /** MariaDB's error code for a refused login. */
  private static final int ACCESS_DENIED = 1045;

  private static final int UNKNOWN_DATABASE = 1049;

  private final NodeAccess node;
  private SecretFile defaults;

  MyConnector(NodeAccess node) {
    this.node = node;
  }

  NodeAccess node() {
    return node;
  }

  /** A connection to the database, or to none when it is null. */
  Connection open(String database) throws SourceException {
    Properties props = new Properties();
    props.setProperty("user", node.adminUser());
    password().ifPresent(p -> props.setProperty("password", p));
    props.setProperty("connectTimeout", "10000");
    props.setProperty("sessionVariables", "time_zone='+00:00'");
    String url =
        "jdbc:mariadb://" + node.host() + ":" + node.port() + "/" + (database == null ? "" : database);
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw failure(e, database);
    }
  }

  private Optional<String> password() throws SourceException {
    return Passwords.of(node.credential(), node.host(), node.port(), "*", node.adminUser());
  }

  /**
   * The arguments every client tool starts with: the defaults file first (the tools insist), then
   * where to connect. Never the password itself.
   */
  synchronized List<String> clientArguments() throws IOException {
    List<String> args = connectionArguments();
    args.add("--default-character-set=utf8mb4");
    return args;
  }

  /**
   * The defaults file and where to connect, without a character set: what mariadb-backup, which
   * has no {@code --default-character-set}, accepts too.
   */
  synchronized List<String> connectionArguments() throws IOException {
    List<String> args = new ArrayList<>();
    if (node.credential().source() == io.coffer.model.CredentialReference.Source.PGPASS) {
      throw new SourceException(
          Reason.CREDENTIAL, "a pgpass file cannot hold a MariaDB password; use a password file or variable");
    }
    Optional<String> password = password();
    if (password.isPresent()) {
      if (defaults == null) {
        defaults =
            SecretFile.create(
                "coffer-mariadb-",
                "[client]\npassword=\"" + password.get().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
      }
      args.add("--defaults-extra-file=" + defaults.path());
    }
    args.add("--host=" + node.host());
    args.add("--port=" + node.port());
    args.add("--user=" + node.adminUser());
    args.add("--protocol=TCP");
    return args;
  }

  @Override
  public synchronized void close() throws IOException {
    if (defaults != null) {
      defaults.close();
      defaults = null;
    }
  }

  SourceException failure(SQLException e, String database) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = "MariaDB node " + node.label();
    if (e.getErrorCode() == ACCESS_DENIED || state.equals("28000")) {
      return new SourceException(
          Reason.AUTHENTICATION, where + " refused user " + node.adminUser() + ": " + e.getMessage(), e);
    }
    if (e.getErrorCode() == UNKNOWN_DATABASE) {
      return new SourceException(
          Reason.NO_SUCH_DATABASE, "database '" + database + "' does not exist on " + where, e);
    }
    if (state.startsWith("08")) {
      return new SourceException(
          Reason.UNREACHABLE, "cannot connect to " + where + ": " + e.getMessage(), e);
    }
    return new SourceException(
        Reason.SERVER_ERROR,
        where + (database == null ? "" : ", database " + database) + ": " + e.getMessage(),
        e);
  }

  static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // The connection is being abandoned; the server rolls back its transaction.
    }
  }
}
