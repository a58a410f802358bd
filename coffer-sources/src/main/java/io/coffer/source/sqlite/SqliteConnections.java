package io.coffer.source.sqlite;

import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** Opens SQLite connections the way every part of this driver needs them. */
final class SqliteConnections {

  /** How long a statement waits for a writer in another process before giving up. */
  private static final int BUSY_TIMEOUT_MS = 30_000;

  private SqliteConnections() {}

  static Connection open(Path file, boolean readOnly) throws SourceException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    try {
      return config.createConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new SourceException(
          Reason.SERVER_ERROR, "cannot open SQLite database " + file + ": " + e.getMessage(), e);
    }
  }
}
