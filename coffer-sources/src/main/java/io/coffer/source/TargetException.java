package io.coffer.source;

import java.util.List;

/**
 * A restore refused because of the state of its target database: it exists and the request says
 * nothing about it ({@link Reason#TARGET_EXISTS}), or sessions hold it and may not be ended ({@link
 * Reason#TARGET_IN_USE}). It names the database and the sessions, so that an interface can word the
 * refusal in its own terms (its option names) and point at the database.
 */
public final class TargetException extends SourceException {

  private static final long serialVersionUID = 1L;

  private final String database;
  private final transient List<ClientSession> sessions;

  public TargetException(Reason reason, String database, List<ClientSession> sessions, String message) {
    super(reason, message);
    this.database = database;
    this.sessions = List.copyOf(sessions);
  }

  /** The target database (SQLite: file) as the request named it. */
  public String database() {
    return database;
  }

  /** The sessions holding it, for {@link Reason#TARGET_IN_USE}; empty otherwise. */
  public List<ClientSession> sessions() {
    return sessions;
  }
}
