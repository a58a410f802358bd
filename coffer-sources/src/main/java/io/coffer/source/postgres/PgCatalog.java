package io.coffer.source.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog queries of the driver about databases and their contents. Called inside the backup's snapshot transaction, so what they
 * return matches the data the same backup copies.
 */
final class PgCatalog {

  /** Objects with a lower oid were created by initdb: bootstrap and predefined roles. */
  static final long FIRST_NORMAL_OID = 16384;

  private static final String USER_SCHEMA =
      "n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

  /** Excludes objects that belong to an extension: the extension's script re-creates them. */
  private static final String NOT_EXTENSION_MEMBER =
      "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
          + " AND d.objid = c.oid AND d.deptype = 'e')";

  private PgCatalog() {}

  static List<String> databases(Connection c) throws SQLException {
    return strings(
        c, "SELECT datname FROM pg_database WHERE NOT datistemplate AND datallowconn ORDER BY datname");
  }

  static List<String> allDatabases(Connection c) throws SQLException {
    return strings(c, "SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname");
  }

  static List<String> roleNames(Connection c) throws SQLException {
    return strings(c, "SELECT rolname FROM pg_roles ORDER BY rolname");
  }

  static List<String> tablespaceNames(Connection c) throws SQLException {
    return strings(c, "SELECT spcname FROM pg_tablespace ORDER BY spcname");
  }

  static int serverVersionNum(Connection c) throws SQLException {
    return Integer.parseInt(strings(c, "SHOW server_version_num").get(0));
  }

  /** The server version as a dotted number, e.g. {@code 15.20}. */
  static String serverVersion(Connection c) throws SQLException {
    return io.coffer.source.Versions.dotted(strings(c, "SHOW server_version").get(0));
  }

  /** The sum of {@code pg_database_size} over those of these databases that exist. */
  static long databasesSize(Connection c, List<String> databases) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT coalesce(sum(pg_database_size(oid)), 0) FROM pg_database WHERE datname = ANY(?)")) {
      s.setArray(1, c.createArrayOf("text", databases.toArray()));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  static long databaseSize(Connection c) throws SQLException {
    return Long.parseLong(strings(c, "SELECT pg_database_size(current_database())").get(0));
  }

  /** Whether the database holds a large object (as of the connection's snapshot, inside one). */
  static boolean hasLargeObjects(Connection c) throws SQLException {
    return strings(c, "SELECT EXISTS (SELECT 1 FROM pg_largeobject_metadata)").get(0).equals("t");
  }

  static boolean isSuperuser(Connection c) throws SQLException {
    return strings(c, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").get(0).equals("t");
  }

  /**
   * The columns of a table's row key, in index order: its primary key, else its unique index with the
   * fewest columns, all of them NOT NULL (no expressions, no predicate). NULL when it has none.
   */
  private static final String ROW_KEY =
      "(SELECT ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)"
          + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
          + " WHERE k.ord <= i.indnkeyatts ORDER BY k.ord)"
          + " FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid"
          + " AND i.indpred IS NULL AND i.indexprs IS NULL"
          + " AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)"
          + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
          + " WHERE k.ord <= i.indnkeyatts AND NOT a.attnotnull)"
          + " ORDER BY i.indisprimary DESC, i.indnkeyatts, i.indexrelid LIMIT 1)";

  /** A stored (not dropped, not generated) column of the table {@code c}, in pg_attribute. */
  private static final String STORED_COLUMN =
      "attrelid = c.oid AND attnum > 0 AND NOT attisdropped AND attgenerated = ''";

  /**
   * Whether a table's rows may travel in binary COPY format ({@link PgCopyFormat}): every stored
   * column is of a built-in type (or an array of one) with binary send and receive functions, other
   * than the reg* types.
   */
  private static final String BINARY_CAPABLE =
      "NOT EXISTS (SELECT 1 FROM pg_attribute JOIN pg_type t ON t.oid = atttypid WHERE " + STORED_COLUMN
          + " AND (t.oid >= " + FIRST_NORMAL_OID + " OR t.typsend = 0 OR t.typreceive = 0"
          + " OR t.typname LIKE 'reg%' OR t.typname LIKE '\\_reg%'))";

  /** Each stored column's average width from the planner's statistics, -1 where it has none. */
  private static final String COLUMN_WIDTHS =
      "ARRAY(SELECT COALESCE((SELECT s.avg_width FROM pg_stats s WHERE s.schemaname = n.nspname"
          + " AND s.tablename = c.relname AND s.attname = a.attname AND NOT s.inherited), -1)"
          + " FROM pg_attribute a WHERE " + STORED_COLUMN + " ORDER BY attnum)";

  /** Tables with rows to copy: ordinary tables and leaf partitions, largest first. */
  static List<PgTable> tables(Connection c) throws SQLException {
    String sql =
        "SELECT n.nspname, c.relname, pg_table_size(c.oid),"
            + " ARRAY(SELECT attname FROM pg_attribute WHERE " + STORED_COLUMN + " ORDER BY attnum), "
            + ROW_KEY
            + ", "
            + BINARY_CAPABLE
            + ", ARRAY(SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE " + STORED_COLUMN + " ORDER BY attnum), "
            + COLUMN_WIDTHS
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'r' AND c.relpersistence <> 't' AND "
            + USER_SCHEMA
            + " AND "
            + NOT_EXTENSION_MEMBER
            + " ORDER BY 3 DESC, 1, 2";
    List<PgTable> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        List<String> types = textArray(r.getArray(7));
        List<Integer> widths = Arrays.stream((Integer[]) r.getArray(8).getArray()).toList();
        tables.add(
            new PgTable(
                r.getString(1),
                r.getString(2),
                textArray(r.getArray(4)),
                textArray(r.getArray(5)),
                r.getLong(3),
                PgCopyFormat.binary(r.getBoolean(6), types, widths),
                types));
      }
    }
    return tables;
  }

  /**
   * A table's columns now, by name: each one's type as a backup records it ({@code format_type}
   * without modifier) and as a cast names it without modifier ({@code bpchar} where the first says
   * {@code character}, which a cast would read as {@code char(1)}).
   */
  static Map<String, PgColumnType> columnTypes(Connection c, String qualifiedTable) throws SQLException {
    Map<String, PgColumnType> out = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT attname, format_type(atttypid, NULL), format_type(atttypid, -1) FROM pg_attribute"
            + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped")) {
      s.setString(1, qualifiedTable);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), new PgColumnType(r.getString(2), r.getString(3)));
        }
      }
    }
    return out;
  }

  /** A column's type as a backup records it, and as a cast or a column definition without modifier names it. */
  record PgColumnType(String recorded, String unconstrained) {}

  /** {@code setval} calls restoring every sequence's current value. */
  static List<String> sequenceValues(Connection c) throws SQLException {
    String sql =
        "SELECT n.nspname, c.relname, s.last_value, s.start_value"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_sequences s ON s.schemaname = n.nspname AND s.sequencename = c.relname"
            + " WHERE c.relkind = 'S' AND "
            + USER_SCHEMA
            + " AND "
            + NOT_EXTENSION_MEMBER
            + " ORDER BY 1, 2";
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        String seq = PgIdent.literal(PgIdent.qualified(r.getString(1), r.getString(2)));
        String last = r.getString(3);
        // A sequence never called has no last_value: the next nextval must return its start.
        out.add(
            last == null
                ? "SELECT pg_catalog.setval(" + seq + ", " + r.getString(4) + ", false);"
                : "SELECT pg_catalog.setval(" + seq + ", " + last + ", true);");
      }
    }
    return out;
  }

  /** The current database's own properties. */
  static PgDatabase database(Connection c, int serverVersionNum) throws SQLException {
    String provider = serverVersionNum >= 150000 ? "d.datlocprovider::text" : "NULL";
    String icu =
        serverVersionNum >= 170000
            ? "d.datlocale"
            : serverVersionNum >= 150000 ? "d.daticulocale" : "NULL";
    String sql =
        "SELECT d.oid, d.datname, pg_get_userbyid(d.datdba), pg_encoding_to_char(d.encoding),"
            + " d.datcollate, d.datctype, "
            + provider
            + ", "
            + icu
            + ", d.datconnlimit, d.datallowconn, d.datistemplate, t.spcname,"
            + " shobj_description(d.oid, 'pg_database'), d.datacl IS NULL"
            + " FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace"
            + " WHERE d.datname = current_database()";
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      long oid = r.getLong(1);
      List<PgGrant> privileges =
          r.getBoolean(14)
              ? null
              : grants(c, "SELECT datacl FROM pg_database WHERE oid = " + oid);
      List<PgSetting> settings = new ArrayList<>();
      try (Statement s2 = c.createStatement();
          ResultSet r2 =
              s2.executeQuery(
                  "SELECT CASE setrole WHEN 0 THEN NULL ELSE pg_get_userbyid(setrole) END,"
                      + " unnest(setconfig) FROM pg_db_role_setting WHERE setdatabase = "
                      + oid
                      + " ORDER BY setrole")) {
        while (r2.next()) {
          settings.add(PgSetting.parse(r2.getString(1), r2.getString(2)));
        }
      }
      return new PgDatabase(
          r.getString(2),
          r.getString(3),
          r.getString(4),
          r.getString(5),
          r.getString(6),
          r.getString(7),
          r.getString(8),
          r.getInt(9),
          r.getBoolean(10),
          r.getBoolean(11),
          r.getString(12),
          r.getString(13),
          privileges,
          settings);
    }
  }

  static List<PgGrant> grants(Connection c, String aclQuery) throws SQLException {
    List<PgGrant> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT CASE a.grantee WHEN 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END,"
                    + " a.privilege_type, a.is_grantable FROM ("
                    + aclQuery
                    // ACL order is kept: granting in the same order rebuilds the same ACL.
                    + ") x(acl), aclexplode(x.acl) WITH ORDINALITY a ORDER BY a.ordinality")) {
      while (r.next()) {
        out.add(new PgGrant(r.getString(1), r.getString(2), r.getBoolean(3)));
      }
    }
    return out;
  }

  static List<String> textArray(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    return Arrays.stream(values).map(Object::toString).toList();
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
