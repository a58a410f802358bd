package io.coffer.source.postgres;

import io.coffer.source.postgres.PgCatalog.PgColumnType;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.copy.CopyManager;

/**
 * Loads a table's binary COPY stream into an existing table whose column types changed since the
 * backup (a DATA restore into a migrated schema: {@code integer} widened to {@code bigint}, a
 * timestamp made text).
 *
 * <p>Binary COPY loads only into columns of the types the rows were recorded with: into another type
 * it fails, or into text or bytea it may take the other type's bytes as they are. Text COPY would have
 * loaded the old type's text with the new type's input function. So the rows go first into a
 * temporary table of the recorded types, dropped at commit, and from there into the table, each
 * changed column as its text cast to the new type: the same values text COPY would give, with the
 * same errors for text the new type does not accept, and the column's modifier checked by the
 * INSERT's assignment as COPY checks it. It costs writing the rows twice, which is why only a table
 * whose types changed is loaded this way.
 */
final class PgStagedLoad {

  private static final String STAGING = "coffer_staged_rows";

  private PgStagedLoad() {}

  /** The columns of {@code recorded} whose type in the table now differs, with their type now. */
  static Map<String, PgColumnType> changed(PgTable recorded, Map<String, PgColumnType> now) {
    Map<String, PgColumnType> out = new LinkedHashMap<>();
    if (recorded.types().size() != recorded.columns().size()) {
      return out; // a report without column types: loaded as recorded
    }
    for (int i = 0; i < recorded.columns().size(); i++) {
      PgColumnType type = now.get(recorded.columns().get(i));
      if (type != null && !type.recorded().equals(recorded.types().get(i))) {
        out.put(recorded.columns().get(i), type);
      }
    }
    return out;
  }

  /** Loads {@code rows} into {@code table} through the staging table, in one transaction. */
  static void load(Connection c, CopyManager copy, PgTable table, Map<String, PgColumnType> changed,
      InputStream rows) throws SQLException, IOException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE " + STAGING + " (" + columnDefinitions(c, table) + ") ON COMMIT DROP");
      PgTable staging = new PgTable("pg_temp", STAGING, table.columns(), List.of(), 0, true, table.types());
      copy.copyIn(staging.copyIn(), rows, 1 << 16);
      List<String> values = new ArrayList<>();
      for (String column : table.columns()) {
        PgColumnType now = changed.get(column);
        values.add(now == null ? PgIdent.quote(column)
            : PgIdent.quote(column) + "::text::" + now.unconstrained());
      }
      s.execute("INSERT INTO " + table.qualified() + " " + PgIdent.columnList(table.columns())
          + " SELECT " + String.join(", ", values) + " FROM " + staging.qualified());
      c.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /**
   * The staging table's columns: each of the recorded type without modifier, which the server names
   * ({@code character} as recorded is {@code bpchar}, not {@code char(1)}).
   */
  private static String columnDefinitions(Connection c, PgTable table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT format_type(to_regtype(?), -1)")) {
      for (int i = 0; i < table.columns().size(); i++) {
        s.setString(1, table.types().get(i));
        try (ResultSet r = s.executeQuery()) {
          r.next();
          String type = r.getString(1);
          if (type == null) {
            throw new SQLException("the backup's column type " + table.types().get(i) + " of "
                + table.qualified() + "." + table.columns().get(i) + " does not exist on this server");
          }
          out.add(PgIdent.quote(table.columns().get(i)) + " " + type);
        }
      }
    }
    return String.join(", ", out);
  }
}
