package io.coffer.catalog.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reads the column types both dialects share. Times are stored as UTC epoch milliseconds so SQLite
 * and PostgreSQL compare and index them alike.
 */
public final class Columns {

  private Columns() {}

  /** The instant in a nullable epoch-millisecond column. */
  public static Instant instant(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  public static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  public static Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  /** The epoch milliseconds to store for a nullable instant. */
  public static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
