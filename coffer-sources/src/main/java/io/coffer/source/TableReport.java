package io.coffer.source;

import java.util.List;

/**
 * The content of one table: its row count and an order-independent checksum of its rows (see {@link
 * ContentDigest}), recorded at backup time and recomputed to verify a restore.
 *
 * @param schema the schema (PostgreSQL); null for engines where a database has no schemas
 * @param table the table name
 * @param rows number of rows
 * @param checksum the table's content checksum
 * @param stream the stream holding this table's data, or null when it shares a stream
 * @param columns PostgreSQL: the columns the data stream holds, in order; empty otherwise
 */
public record TableReport(
    String schema, String table, long rows, String checksum, String stream, List<String> columns) {

  public TableReport {
    columns = columns == null ? List.of() : List.copyOf(columns);
  }

  /** The content alone, for comparing a restored database with the backup. */
  public static TableReport content(String schema, String table, long rows, String checksum) {
    return new TableReport(schema, table, rows, checksum, null, List.of());
  }

  /** {@code schema.table}, or the table alone. */
  public String qualifiedName() {
    return schema == null ? table : schema + "." + table;
  }
}
