package io.coffer.source.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An exported snapshot of one database, held open by its leader connection. Every other reader of
 * the backup (pg_dump children, COPY workers) imports it, so they all see the database as of the
 * moment it was exported. The leader also holds ACCESS SHARE locks on the copied tables, so no table
 * can be dropped or rewritten while the workers get to it.
 */
final class PgSnapshot implements AutoCloseable {

  /** How long any reader waits for a table lock before the backup fails instead of hanging. */
  static final String LOCK_TIMEOUT = "300s";

  private final String database;
  private final Connection leader;
  private final String id;

  private PgSnapshot(String database, Connection leader, String id) {
    this.database = database;
    this.leader = leader;
    this.id = id;
  }

  static PgSnapshot export(PgConnector connector, String database) throws java.io.IOException {
    Connection c = connector.open(database);
    try {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        s.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
        try (ResultSet r = s.executeQuery("SELECT pg_export_snapshot()")) {
          r.next();
          return new PgSnapshot(database, c, r.getString(1));
        }
      }
    } catch (SQLException e) {
      PgConnector.close(c);
      throw connector.failure(e, database);
    }
  }

  /** Starts a transaction on another connection that sees exactly this snapshot. */
  void importInto(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      s.execute("SET TRANSACTION SNAPSHOT '" + id + "'");
      s.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
    }
  }

  /** Locks the tables in ACCESS SHARE mode for the rest of the backup. */
  void lock(Iterable<PgTable> tables) throws SQLException {
    StringBuilder sql = new StringBuilder();
    for (PgTable t : tables) {
      sql.append(sql.length() == 0 ? "LOCK TABLE ONLY " : ", ").append(t.qualified());
      if (sql.length() > 60_000) {
        execute(sql.append(" IN ACCESS SHARE MODE").toString());
        sql.setLength(0);
      }
    }
    if (sql.length() > 0) {
      execute(sql.append(" IN ACCESS SHARE MODE").toString());
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = leader.createStatement()) {
      s.execute(sql);
    }
  }

  String database() {
    return database;
  }

  Connection leader() {
    return leader;
  }

  String id() {
    return id;
  }

  @Override
  public void close() {
    try {
      leader.rollback();
    } catch (SQLException ignored) {
      // The transaction only read; closing the connection ends it just as well.
    }
    PgConnector.close(leader);
  }
}
