package io.coffer.source;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one refusal every engine gives when sessions hold an existing target that a restore would
 * rename or drop: ending someone's session is never done without being asked.
 */
public final class TargetSessions {

  /** How long ending sessions may take before the restore gives up on them. */
  private static final long WAIT_MILLIS = 10_000;

  private TargetSessions() {}

  /** How an engine lists the sessions on a database and ends one. */
  public interface Server {
    List<ClientSession> holding(String database) throws SQLException;

    void end(ClientSession session) throws SQLException;
  }

  /**
   * Ends every session on {@code database} and waits until they are gone (a session may connect
   * while others are ended; it is ended too); returns the sessions ended. Sessions still there
   * after the wait fail the call, named.
   */
  public static List<ClientSession> endAll(Server server, String database) throws SQLException {
    List<ClientSession> ended = new ArrayList<>();
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    List<ClientSession> left = server.holding(database);
    while (!left.isEmpty()) {
      for (ClientSession session : left) {
        if (!ended.contains(session)) {
          ended.add(session);
        }
        server.end(session);
      }
      if (System.currentTimeMillis() > deadline) {
        throw new SQLException(
            "sessions holding " + database + " did not end within " + WAIT_MILLIS / 1000 + " s: " + left, "55006");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while ending the sessions holding " + database, e);
      }
      left = server.holding(database);
    }
    return ended;
  }

  /**
   * Fails with {@link SourceException.Reason#TARGET_IN_USE} naming the sessions, unless there are
   * none or the request allows ending them.
   *
   * @param action what the restore would do to the database, e.g. {@code renamed}
   */
  public static void refuseUnlessAllowed(
      RestoreRequest request, String database, String action, List<ClientSession> holders)
      throws SourceException {
    if (holders.isEmpty() || request.terminateConnections()) {
      return;
    }
    throw new TargetException(
        SourceException.Reason.TARGET_IN_USE,
        database,
        holders,
        "database " + database + " on " + request.targetName() + " cannot be " + action + " while "
            + (holders.size() == 1 ? "1 session holds" : holders.size() + " sessions hold") + " it: "
            + String.join(", ", holders.stream().map(ClientSession::toString).toList())
            + "; close " + (holders.size() == 1 ? "it" : "them") + ", or restore with terminate-connections to end "
            + (holders.size() == 1 ? "it" : "them"));
  }
}
