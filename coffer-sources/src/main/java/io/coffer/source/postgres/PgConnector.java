package io.coffer.source.postgres;

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
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Connections to one PostgreSQL node for one operation: JDBC connections with the password held in
 * memory, and the connection string plus environment for child processes, whose password travels
 * only in a 0600 passfile named by {@code PGPASSFILE}. Close it to delete that file.
 */
final class PgConnector implements AutoCloseable {

  /** The database to connect to when no particular one is meant, and the fallback. */
  private static final String[] MAINTENANCE = {"postgres", "template1"};

  private final NodeAccess node;
  private SecretFile passfile;

  PgConnector(NodeAccess node) {
    this.node = node;
  }

  NodeAccess node() {
    return node;
  }

  /** A connection to the database, with the session settings every part of the driver relies on. */
  Connection open(String database) throws SourceException {
    Properties props = new Properties();
    props.setProperty("user", node.adminUser());
    Optional<String> password =
        Passwords.of(node.credential(), node.host(), node.port(), database, node.adminUser());
    password.ifPresent(p -> props.setProperty("password", p));
    props.setProperty("ApplicationName", "coffer");
    props.setProperty("connectTimeout", "10");
    props.setProperty("tcpKeepAlive", "true");
    String url = "jdbc:postgresql://" + hostForUrl() + ":" + node.port() + "/" + urlEncode(database);
    Connection c;
    try {
      c = DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw failure(e, database);
    }
    try (Statement s = c.createStatement()) {
      s.execute(
          "SET DateStyle = ISO; SET IntervalStyle = postgres; SET extra_float_digits = 3;"
              + " SET bytea_output = hex; SET TimeZone = 'UTC'; SET row_security = off;"
              + " SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
              + " SET client_min_messages = warning; SET search_path = ''");
    } catch (SQLException e) {
      close(c);
      throw failure(e, database);
    }
    return c;
  }

  /** A connection to the node's maintenance database. */
  Connection openMaintenance() throws SourceException {
    return openMaintenanceAvoiding(java.util.Set.of());
  }

  /** A connection to a maintenance database whose name is not in {@code avoid}. */
  Connection openMaintenanceAvoiding(java.util.Set<String> avoid) throws SourceException {
    SourceException last = null;
    for (String db : MAINTENANCE) {
      if (avoid.contains(db)) {
        continue;
      }
      try {
        return open(db);
      } catch (SourceException e) {
        if (e.reason() != Reason.NO_SUCH_DATABASE) {
          throw e;
        }
        last = e;
      }
    }
    throw last != null
        ? last
        : new SourceException(
            Reason.NO_SUCH_DATABASE, "no maintenance database (postgres, template1) to connect to on " + node.label());
  }

  /** A libpq connection string for a child process; holds no password. */
  String conninfo(String database) {
    return "host="
        + PgIdent.conninfoValue(node.host())
        + " port="
        + node.port()
        + " user="
        + PgIdent.conninfoValue(node.adminUser())
        + " dbname="
        + PgIdent.conninfoValue(database)
        + " application_name=coffer connect_timeout=10";
  }

  /** Environment for child processes: where their password comes from, if anywhere. */
  synchronized Map<String, String> childEnvironment() throws IOException {
    Map<String, String> env = new HashMap<>();
    CredentialReference credential = node.credential();
    switch (credential.source()) {
      case PGPASS:
        env.put("PGPASSFILE", credential.pgpassFile().toString());
        break;
      case PASSWORD_FILE:
      case ENVIRONMENT:
        if (passfile == null) {
          String password =
              Passwords.of(credential, node.host(), node.port(), "*", node.adminUser()).orElse("");
          passfile =
              SecretFile.create(
                  "coffer-pgpass-",
                  escape(node.host())
                      + ":"
                      + node.port()
                      + ":*:"
                      + escape(node.adminUser())
                      + ":"
                      + escape(password)
                      + "\n");
        }
        env.put("PGPASSFILE", passfile.path().toString());
        break;
      default:
        break;
    }
    return env;
  }

  @Override
  public synchronized void close() throws IOException {
    if (passfile != null) {
      passfile.close();
      passfile = null;
    }
  }

  /** Maps a JDBC failure to a reason and a message that names the node and database. */
  SourceException failure(SQLException e, String database) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = "PostgreSQL node " + node.label();
    if (state.startsWith("08")) {
      return new SourceException(
          Reason.UNREACHABLE, "cannot connect to " + where + ": " + e.getMessage(), e);
    }
    if (state.equals("28000") || state.equals("28P01")) {
      return new SourceException(
          Reason.AUTHENTICATION,
          where + " refused user " + node.adminUser() + ": " + e.getMessage(),
          e);
    }
    if (state.equals("3D000")) {
      return new SourceException(
          Reason.NO_SUCH_DATABASE, "database '" + database + "' does not exist on " + where, e);
    }
    return new SourceException(
        Reason.SERVER_ERROR, where + ", database " + database + ": " + e.getMessage(), e);
  }

  static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // The connection is being abandoned; the server ends its transaction.
    }
  }

  private String hostForUrl() {
    return node.host().contains(":") ? "[" + node.host() + "]" : node.host();
  }

  private static String urlEncode(String database) {
    return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace(":", "\\:");
  }
}
