package io.coffer.source.postgres;

import java.util.List;

/**
 * A table whose rows a backup copies.
 *
 * @param schema its schema
 * @param name its name
 * @param columns the stored (not generated) columns, in order
 * @param bytes its size on disk, to hand the largest tables out first
 */
record PgTable(String schema, String name, List<String> columns, long bytes) {

  String qualified() {
    return PgIdent.qualified(schema, name);
  }

  String copyOut() {
    return "COPY " + qualified() + " " + PgIdent.columnList(columns) + " TO STDOUT";
  }

  String copyIn() {
    return "COPY " + qualified() + " " + PgIdent.columnList(columns) + " FROM STDIN";
  }

  /** COPY writing the rows frozen: only after the table was created or truncated in the same transaction. */
  String copyInFrozen() {
    return copyIn() + " WITH (FREEZE)";
  }
}
