package io.coffer.source;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param format how the rows are written in the stream when not in the engine's usual form, else
 *     null: {@link #BINARY} for PostgreSQL's binary COPY (its text COPY otherwise). The checksum is
 *     over the rows in this form, so a restored table is read back in it to be compared.
 * @param columnTypes for a table in binary COPY, the type of each column in {@code columns}, else
 *     null: binary COPY loads only into columns of these types, which a restore into an existing
 *     table checks first.
 */
public record TableReport(
    String schema,
    String table,
    long rows,
    String checksum,
    String stream,
    List<String> columns,
    // Left out when null, so the reports of tables in the usual form read and hash as they always did.
    @JsonInclude(JsonInclude.Include.NON_NULL) String format,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> columnTypes) {

  /** PostgreSQL's binary COPY format. */
  public static final String BINARY = "binary";

  public TableReport {
    columns = columns == null ? List.of() : List.copyOf(columns);
    columnTypes = columnTypes == null ? null : List.copyOf(columnTypes);
  }

  /** A table whose stream holds its rows in the engine's usual form. */
  public TableReport(String schema, String table, long rows, String checksum, String stream, List<String> columns) {
    this(schema, table, rows, checksum, stream, columns, null, null);
  }

  /** The content alone, for comparing a restored database with the backup. */
  public static TableReport content(String schema, String table, long rows, String checksum) {
    return new TableReport(schema, table, rows, checksum, null, List.of());
  }

  /** Whether the stream holds PostgreSQL's binary COPY. */
  public boolean binary() {
    return BINARY.equals(format);
  }

  /** {@code schema.table}, or the table alone. */
  public String qualifiedName() {
    return schema == null ? table : schema + "." + table;
  }
}
