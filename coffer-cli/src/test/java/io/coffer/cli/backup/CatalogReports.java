package io.coffer.cli.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.source.SourceJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Changes the catalog's copy of a backup's report, as a damaged or edited catalog would hold it, and
 * reads what a test needs to know of the catalog.
 */
final class CatalogReports {

  private CatalogReports() {}

  /**
   * The catalog's identity, which the names of its verifications' scratch databases carry: tests on
   * the shared servers look only at their own catalog's.
   */
  static String identity(Path catalogFile) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalogFile);
        ResultSet row = c.createStatement().executeQuery("select id from catalog_identity")) {
      row.next();
      return row.getString(1);
    }
  }

  /**
   * Adds one to the row count recorded for the first table of the first member; returns that
   * table's name as a verification names it ({@code schema.table}, or the table alone).
   */
  static String addARow(Path catalogFile, long backupId) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalogFile)) {
      String json;
      try (PreparedStatement read = c.prepareStatement("select report from backup_report where backup_id = ?")) {
        read.setLong(1, backupId);
        try (ResultSet row = read.executeQuery()) {
          row.next();
          json = row.getString(1);
        }
      }
      ObjectNode report = (ObjectNode) SourceJson.mapper().readTree(json);
      ObjectNode table = (ObjectNode) report.get("members").get(0).get("tables").get(0);
      table.put("rows", table.get("rows").asLong() + 1);
      try (PreparedStatement write = c.prepareStatement("update backup_report set report = ? where backup_id = ?")) {
        write.setString(1, SourceJson.mapper().writeValueAsString(report));
        write.setLong(2, backupId);
        write.executeUpdate();
      }
      return table.get("schema").isNull() ? table.get("table").asText()
          : table.get("schema").asText() + "." + table.get("table").asText();
    }
  }
}
