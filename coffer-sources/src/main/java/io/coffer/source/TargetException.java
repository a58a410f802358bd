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

  private final boolean endable;

  public TargetException(Reason reason, String database, List<ClientSession> sessions, String message) {
    this(reason, database, sessions, message, true);
  }

  /**
   * @param endable whether the restore could end the holders if asked (a server's sessions); false
   *     for processes of other programs (an SQLite file's), which Coffer never ends
   */
  public TargetException(Reason reason, String database, List<ClientSession> sessions, String message,
      boolean endable) {
    super(reason, message);
    this.database = database;
    this.sessions = List.copyOf(sessions);
    this.endable = endable;
  }

  /** Whether terminate-connections would end the holders; false when they must be stopped by hand. */
  public boolean endable() {
    return endable;
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
