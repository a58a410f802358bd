package io.coffer.source;

/**
 * A session connected to a database on a node, as the server lists it (PostgreSQL's
 * pg_stat_activity, MariaDB's processlist): enough for a person to find who holds a database a
 * restore wants to rename or drop.
 *
 * @param pid the server's id of the session (a backend pid, a connection id)
 * @param user the user it logged in as
 * @param application the application name it gave; empty when none (MariaDB has none)
 * @param client where it connects from; empty for a local socket
 */
public record ClientSession(long pid, String user, String application, String client) {

  public ClientSession {
    user = user == null ? "" : user;
    application = application == null ? "" : application;
    client = client == null ? "" : client;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("pid ").append(pid).append(" (user ").append(user);
    if (!application.isEmpty()) {
      out.append(", application ").append(application);
    }
    if (!client.isEmpty()) {
      out.append(", from ").append(client);
    }
    return out.append(')').toString();
  }
}
