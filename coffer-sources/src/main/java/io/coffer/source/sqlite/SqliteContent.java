package io.coffer.source.sqlite;

import io.coffer.source.ContentDigest;
import io.coffer.source.TableReport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-table row counts and content checksums of an open SQLite database. A row's bytes are a
 * type-tagged rendering of its values (with lengths, so no two different rows render alike); the
 * caller provides the read transaction that makes them consistent.
 */
final class SqliteContent {

  private SqliteContent() {}

  static List<TableReport> tables(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                    + " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    List<TableReport> tables = new ArrayList<>();
    for (String name : names) {
      tables.add(table(connection, name));
    }
    return tables;
  }

  private static TableReport table(Connection connection, String name) throws SQLException {
    ContentDigest digest = new ContentDigest();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM " + quote(name))) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        for (int i = 1; i <= columns; i++) {
          render(digest, r.getObject(i));
        }
        digest.endRow();
      }
    }
    return TableReport.content(null, name, digest.rows(), digest.checksum());
  }

  private static void render(ContentDigest digest, Object value) {
    if (value == null) {
      digest.update((byte) 'n');
    } else if (value instanceof Integer || value instanceof Long) {
      tagged(digest, 'i', value.toString().getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof Double d) {
      tagged(
          digest,
          'r',
          Long.toHexString(Double.doubleToRawLongBits(d)).getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof byte[] bytes) {
      tagged(digest, 'b', bytes);
    } else {
      tagged(digest, 's', value.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void tagged(ContentDigest digest, char tag, byte[] bytes) {
    digest.update((byte) tag);
    byte[] length = (bytes.length + ":").getBytes(StandardCharsets.US_ASCII);
    digest.update(length, 0, length.length);
    digest.update(bytes, 0, bytes.length);
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
