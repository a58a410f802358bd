package io.coffer.source;

import java.io.IOException;

/**
 * A driver failure with a reason the engine can act on (mark the backup FAILED with it, map it to an
 * exit code). The message names the node, database, stream or file involved and never contains a
 * secret.
 */
public class SourceException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Why a driver operation failed. */
  public enum Reason {
    /** The request itself is wrong; the message names the field, the value and what is accepted. */
    INVALID_REQUEST,
    /** The node does not answer. */
    UNREACHABLE,
    /** The node refused the credentials, or the user does not exist. */
    AUTHENTICATION,
    /** The credential reference cannot be resolved (missing file, unset variable). */
    CREDENTIAL,
    NO_SUCH_DATABASE,
    /** A file given as a SQLite database is not one. */
    NOT_A_DATABASE,
    /** No usable client tool (pg_dump, psql, mariadb-dump, mariadb) was found. */
    TOOL_NOT_FOUND,
    /** A child process failed or was killed. */
    CHILD_FAILED,
    /** The restore target exists and no conflict policy allows replacing it. */
    TARGET_EXISTS,
    /**
     * Sessions are connected to an existing target that the restore would rename or drop, and the
     * request does not allow ending them.
     */
    TARGET_IN_USE,
    /** A role of the backup exists on the target and the role policy is FAIL. */
    ROLE_EXISTS,
    /** The backup comes from a newer server major version than the target. */
    VERSION_TOO_NEW,
    /** Restored content differs from what the backup recorded. */
    VERIFY_FAILED,
    /** The server rejected a statement. */
    SERVER_ERROR,
    /** Another task of the same operation failed first; this one was stopped. */
    CANCELLED
  }

  private final Reason reason;

  public SourceException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public SourceException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
