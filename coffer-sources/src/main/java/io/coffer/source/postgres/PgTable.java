package io.coffer.source.postgres;

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
 * @param schema its schema
 * @param name its name
 * @param columns the stored (not generated) columns, in order
 * @param key the columns of its primary key, or else of a unique index over NOT NULL columns; empty
 *     when it has neither
 * @param bytes its size on disk, to hand the largest tables out first
 */
record PgTable(String schema, String name, List<String> columns, List<String> key, long bytes) {

  PgTable {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
  }

  String qualified() {
    return PgIdent.qualified(schema, name);
  }

  String copyOut() {
    if (key.isEmpty()) {
      return "COPY " + qualified() + " " + PgIdent.columnList(columns) + " TO STDOUT";
    }
    // ONLY: COPY of a table never includes rows of tables that inherit from it; a query would.
    return "COPY (SELECT "
        + columns.stream().map(PgIdent::quote).collect(Collectors.joining(", "))
        + " FROM ONLY "
        + qualified()
        + " ORDER BY "
        + key.stream().map(PgIdent::quote).collect(Collectors.joining(", "))
        + ") TO STDOUT";
  }

  String copyIn() {
    return "COPY " + qualified() + " " + PgIdent.columnList(columns) + " FROM STDIN";
  }

  /** COPY writing the rows frozen: only after the table was created or truncated in the same transaction. */
  String copyInFrozen() {
    return copyIn() + " WITH (FREEZE)";
  }
}
