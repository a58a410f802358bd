package io.coffer.source.postgres;

import io.coffer.source.TableReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A database reduced to what a faithful restore must reproduce, in a form that compares with
 * equals: the schema as pg_dump prints it (minus its random {@code \restrict} lines), per-table
 * contents, sequences, large objects, materialized views and the database's own properties.
 */
record PgCanon(
    String schema,
    List<TableReport> contents,
    List<String> sequences,
    List<String> largeObjects,
    List<String> materializedViews,
    List<String> properties,
    List<String> settings) {

  static PgCanon of(PgServer pg, PostgresDriver driver, String db) throws Exception {
    String literal = "'" + db.replace("'", "''") + "'";
    return new PgCanon(
        schemaDump(pg, db),
        driver.contents(pg.node(), db),
        pg.strings(db, "SELECT schemaname, sequencename, last_value, start_value, increment_by FROM pg_sequences ORDER BY 1, 2"),
        pg.strings(db, "SELECT m.oid, pg_get_userbyid(m.lomowner), m.lomacl, obj_description(m.oid, 'pg_largeobject'),"
            + " md5(lo_get(m.oid)) FROM pg_largeobject_metadata m ORDER BY 1"),
        pg.strings(db, "SELECT schemaname, matviewname, ispopulated,"
            + " CASE WHEN ispopulated THEN (xpath('/row/m/text()', query_to_xml(format("
            + "'SELECT md5(string_agg(t::text, '','' ORDER BY t::text)) AS m FROM %I.%I t', schemaname, matviewname),"
            + " false, false, '')))[1]::text END FROM pg_matviews ORDER BY 1, 2"),
        pg.strings("postgres", "SELECT pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate, datctype,"
            + " datconnlimit, datacl, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = " + literal),
        pg.strings("postgres", "SELECT coalesce(pg_get_userbyid(s.setrole), '-'), array_to_string(s.setconfig, ';')"
            + " FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = " + literal
            + " ORDER BY 1"));
  }

  /** pg_dump's schema of the database, without the lines that differ on every run. */
  static String schemaDump(PgServer pg, String db) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(
            "pg_dump", "--schema-only", "--no-password", "--dbname=host=" + PgServer.HOST + " port=" + pg.port
                + " user=" + PgServer.ADMIN + " dbname='" + db + "'")
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("pg_dump --schema-only of " + db + " failed");
    }
    return out.lines()
        .filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
        .map(PgCanon::sortPolicyRoles)
        .collect(Collectors.joining("\n"));
  }

  private static final java.util.regex.Pattern POLICY_ROLES =
      java.util.regex.Pattern.compile("^(CREATE POLICY .*? TO )(.+?)( USING| WITH CHECK|;)");

  /** pg_dump lists a policy's roles in catalog scan order, which is not stable across servers. */
  private static String sortPolicyRoles(String line) {
    java.util.regex.Matcher m = POLICY_ROLES.matcher(line);
    if (!m.find()) {
      return line;
    }
    List<String> roles = new java.util.ArrayList<>(List.of(m.group(2).split(", ")));
    roles.sort(null);
    return m.group(1) + String.join(", ", roles) + line.substring(m.start(3));
  }

  /** The cluster-wide state of the given roles: attributes, password hashes, settings, memberships. */
  static List<String> roles(PgServer pg, List<String> names) throws Exception {
    String in = names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    List<String> out = pg.strings("postgres",
        "SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,"
            + " rolbypassrls, rolconnlimit, rolpassword, rolvaliduntil, shobj_description(oid, 'pg_authid'),"
            + " (SELECT array_to_string(setconfig, ';') FROM pg_db_role_setting WHERE setrole = a.oid AND setdatabase = 0)"
            + " FROM pg_authid a WHERE rolname IN (" + in + ") ORDER BY 1");
    out.addAll(pg.strings("postgres",
        "SELECT pg_get_userbyid(roleid), pg_get_userbyid(member), pg_get_userbyid(grantor), admin_option"
            + " FROM pg_auth_members WHERE pg_get_userbyid(member) IN (" + in + ") ORDER BY 1, 2"));
    return out;
  }
}
