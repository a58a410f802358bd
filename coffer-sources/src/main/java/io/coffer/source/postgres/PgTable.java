package io.coffer.source.postgres;

import io.coffer.source.TableReport;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table whose rows a backup copies.
 *
 * <p>A table with a row key is copied in key order, others in physical order. PostgreSQL writes an
 * updated row as a new version elsewhere in the table (usually near its end), so in physical order
 * each scattered update changes the stream in two places, and the rows in between shift. In key
 * order an updated row stays where it was and only the bytes around it change, which is what lets
 * the next backup of a slowly changing table store a few chunks instead of most of them. Row order
 * does not matter to a restore (COPY FROM) nor to the content checksum (a sum over rows).
 *
 * <p>A table travels in binary COPY format when {@link PgCopyFormat} finds it cheaper to load and
 * not much larger. Only tables of built-in types qualify, because a binary value of a user-defined
 * type (enum, domain, composite, extension type) carries oids or formats that another database need
 * not share, and not those with a reg* column, whose binary form is an oid where the text is a name
 * the restore resolves again.
 *
 * @param schema its schema
 * @param name its name
 * @param columns the stored (not generated) columns, in order
 * @param key the columns of its primary key, or else of a unique index over NOT NULL columns; empty
 *     when it has neither
 * @param bytes its size on disk, to hand the largest tables out first
 * @param binary whether its rows travel in binary COPY format
 * @param types the type of each of {@code columns} ({@code format_type} without modifier)
 */
record PgTable(
    String schema, String name, List<String> columns, List<String> key, long bytes, boolean binary, List<String> types) {

  PgTable {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
    types = List.copyOf(types);
  }

  /** The table as a backup recorded it, to load or read back its rows in the same form. */
  static PgTable recorded(TableReport t) {
    return new PgTable(t.schema(), t.table(), t.columns(), List.of(), 0, t.binary(),
        t.columnTypes() == null ? List.of() : t.columnTypes());
  }

  PgTable withBinary(boolean inBinary) {
    return new PgTable(schema, name, columns, key, bytes, inBinary, types);
  }

  /** The COPY options after {@code TO STDOUT} or {@code FROM STDIN}. */
  private String options(boolean freeze) {
    if (binary) {
      return freeze ? " WITH (FORMAT binary, FREEZE)" : " WITH (FORMAT binary)";
    }
    return freeze ? " WITH (FREEZE)" : "";
  }

  String qualified() {
    return PgIdent.qualified(schema, name);
  }

  String copyOut() {
    if (key.isEmpty()) {
      return "COPY " + qualified() + " " + PgIdent.columnList(columns) + " TO STDOUT" + options(false);
    }
    // ONLY: COPY of a table never includes rows of tables that inherit from it; a query would.
    return "COPY (SELECT "
        + columns.stream().map(PgIdent::quote).collect(Collectors.joining(", "))
        + " FROM ONLY "
        + qualified()
        + " ORDER BY "
        + key.stream().map(PgIdent::quote).collect(Collectors.joining(", "))
        + ") TO STDOUT"
        + options(false);
  }

  String copyIn() {
    return copyIn(false);
  }

  /** COPY writing the rows frozen: only after the table was created or truncated in the same transaction. */
  String copyInFrozen() {
    return copyIn(true);
  }

  private String copyIn(boolean freeze) {
    return "COPY " + qualified() + " " + PgIdent.columnList(columns) + " FROM STDIN" + options(freeze);
  }

  /** The backup's report of this table's stream: its format and, when binary, its column types. */
  TableReport report(long rows, String checksum, String stream) {
    return new TableReport(schema, name, rows, checksum, stream, columns, binary ? TableReport.BINARY : null,
        binary ? types : null);
  }
}
