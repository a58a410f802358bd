package io.coffer.source.postgres;

import io.coffer.source.ClientSession;
import io.coffer.source.TargetSessions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions connected to a database, which stop it from being renamed or dropped ("being
 * accessed by other users"), and ending them when the user asked for it. Only client sessions
 * count: PostgreSQL ends an autovacuum worker in the way by itself.
 */
final class PgSessions implements TargetSessions.Server {

  private final Connection c;

  PgSessions(Connection c) {
    this.c = c;
  }

  /** The sessions other than this one connected to {@code database}, by pid. */
  @Override
  public List<ClientSession> holding(String database) throws SQLException {
    String clientsOnly = PgCatalog.serverVersionNum(c) >= 100000 ? " AND backend_type = 'client backend'" : "";
    List<ClientSession> sessions = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT pid, coalesce(usename, ''), coalesce(application_name, ''), coalesce(host(client_addr), '')"
            + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()" + clientsOnly
            + " ORDER BY pid")) {
      s.setString(1, database);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          sessions.add(new ClientSession(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
        }
      }
    }
    return sessions;
  }

  @Override
  public void end(ClientSession session) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
      s.setInt(1, (int) session.pid());
      s.execute();
    }
  }
}
