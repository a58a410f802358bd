package io.coffer.catalog.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of every catalog table except the history, as text: equal snapshots before and after a
 * refused change prove it changed nothing. (The history records the refusal; that is its job.)
 */
public final class CatalogSnapshot {

  static final List<String> TABLES = List.of(
      "config_default", "agent", "agent_config", "node", "node_config", "volume", "definition", "oneoff",
      "backup", "backup_totals", "restore_definition", "restore", "verification", "job", "app_user", "api_token");

  private CatalogSnapshot() {}

  public static Map<String, List<String>> take(TestDatabase.Instance instance) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Connection connection = instance.connect(); Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        List<String> rows = new ArrayList<>();
        String order = table.equals("config_default") ? "scope, key"
            : table.endsWith("_config") ? "1, 2" : table.equals("backup_totals") ? "1, 2, 3, 4" : "id";
        try (ResultSet row = statement.executeQuery("select * from " + table + " order by " + order)) {
          int columns = row.getMetaData().getColumnCount();
          while (row.next()) {
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              text.append(row.getMetaData().getColumnName(i)).append('=').append(row.getString(i)).append(' ');
            }
            rows.add(text.toString());
          }
        }
        tables.put(table, rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return tables;
  }

  /** Empties every table but the defaults, and puts the defaults back as migrated. */
  static void wipe(TestDatabase.Instance instance, List<String[]> defaults) {
    try (Connection connection = instance.connect(); Statement statement = connection.createStatement()) {
      statement.execute("delete from history");
      for (int i = TABLES.size() - 1; i > 0; i--) {
        statement.execute("delete from " + TABLES.get(i));
      }
      for (String[] row : defaults) {
        try (var update = connection.prepareStatement("update config_default set value = ? where scope = ? and key = ?")) {
          update.setString(1, row[2]);
          update.setString(2, row[0]);
          update.setString(3, row[1]);
          update.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String[]> defaults(TestDatabase.Instance instance) {
    List<String[]> rows = new ArrayList<>();
    try (Connection connection = instance.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select scope, key, value from config_default")) {
      while (row.next()) {
        rows.add(new String[] {row.getString(1), row.getString(2), row.getString(3)});
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
