package io.coffer.source.mariadb;

import java.util.List;

/**
 * One base table whose rows a backup reads itself, with how each column's values are rendered.
 *
 * @param database the member database
 * @param name the table's name
 * @param columns the table's columns, in the order {@code SELECT *} returns them
 * @param averageRow the server's estimate of a row's length in bytes (0 when it has none)
 */
record MyTable(String database, String name, List<Column> columns, long averageRow) {

  /** A column and how its values are rendered. */
  record Column(String name, Rendering rendering) {

    /**
     * The column in the SELECT list. The JDBC driver hands over the server's own bytes for character
     * and binary types and the server's own text for numeric ones ({@code getString}: zerofill,
     * a FLOAT(7,3)'s digits and a TINYINT(1) as the server sends them); anything else it formats
     * itself (a TIMESTAMP(3) comes back with six fractional digits), so those are cast to text by the
     * server, which renders them as its text protocol does for mariadb-dump. A cast costs the server
     * CPU on every row: numeric columns are left uncast (docs/benchmarks.md).
     */
    String selected() {
      String quoted = DumpSplitter.quote(name);
      return rendering == Rendering.OTHER ? "CAST(" + quoted + " AS CHAR)" : quoted;
    }
  }

  /** How mariadb-dump ({@code --hex-blob}) writes a column's values, after its field type. */
  enum Rendering {
    /** A numeric field (the protocol's NUM_FLAG): written as the server sends it, unquoted. */
    NUMBER,
    /** A field of the binary character set (binary strings, blobs, BIT, spatial): hexadecimal. */
    HEX,
    /** Character data the driver hands over as raw bytes: quoted and escaped. */
    TEXT,
    /** Everything else (temporal types, UUID, INET4/6): quoted and escaped. */
    OTHER;

    /** The rendering of a column of {@code information_schema.COLUMNS.DATA_TYPE}. */
    static Rendering of(String dataType) {
      return switch (dataType) {
        case "tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double", "year" -> NUMBER;
        case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit", "geometry", "point",
            "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection" -> HEX;
        case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json" -> TEXT;
        default -> OTHER;
      };
    }
  }

  /** The query that reads the rows, as mariadb-dump's does but for the casts. */
  String select() {
    StringBuilder out = new StringBuilder("SELECT /*!40001 SQL_NO_CACHE */ ");
    for (int i = 0; i < columns.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(columns.get(i).selected());
    }
    return out.append(" FROM ").append(qualified()).toString();
  }

  /** The table's name in a statement: database and table, each in backticks. */
  String qualified() {
    return DumpSplitter.quote(database) + "." + DumpSplitter.quote(name);
  }
}
