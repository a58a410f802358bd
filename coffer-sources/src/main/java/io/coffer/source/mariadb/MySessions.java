package io.coffer.source.mariadb;

import io.coffer.source.ClientSession;
import io.coffer.source.TargetSessions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions whose current database is a given one, and ending them when the user asked for it.
 * MariaDB lets a database be dropped under a connected session, but a session in a transaction
 * holds metadata locks that make the drop wait, and writes a session makes while a database is
 * copied out of the way are lost with it: so a session on a target stops the restore too. Sessions
 * are visible to an admin user with the PROCESS privilege; without it only its own are.
 */
final class MySessions implements TargetSessions.Server {

  /** "Unknown thread id": the session ended by itself in the meantime. */
  private static final int UNKNOWN_THREAD = 1094;

  private final Connection c;

  MySessions(Connection c) {
    this.c = c;
  }

  /** The sessions other than this one whose current database is {@code database}, by id. */
  @Override
  public List<ClientSession> holding(String database) throws SQLException {
    List<ClientSession> sessions = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT ID, USER, HOST FROM information_schema.PROCESSLIST"
            + " WHERE DB = ? AND ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump') ORDER BY ID")) {
      s.setString(1, database);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          sessions.add(new ClientSession(r.getLong(1), r.getString(2), "", r.getString(3)));
        }
      }
    }
    return sessions;
  }

  @Override
  public void end(ClientSession session) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("KILL CONNECTION " + session.pid());
    } catch (SQLException e) {
      if (e.getErrorCode() != UNKNOWN_THREAD) {
        throw e;
      }
    }
  }
}
