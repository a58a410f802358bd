package io.coffer.source.postgres;

import static io.coffer.source.postgres.PgIdent.literal;
import static io.coffer.source.postgres.PgIdent.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Renders captured roles, tablespaces and database properties as SQL statements, under whatever
 * name the restore gives the database. One statement per list element, without a trailing
 * semicolon.
 */
final class PgSql {

  /** Parameters whose value is a list of quoted elements, as pg_dump treats them. */
  private static final Set<String> LIST_PARAMETERS =
      Set.of(
          "search_path",
          "temp_tablespaces",
          "session_preload_libraries",
          "local_preload_libraries",
          "shared_preload_libraries",
          "unix_socket_directories");

  private PgSql() {}

  static List<String> createRole(PgRole role) {
    List<String> out = new ArrayList<>();
    String name = quote(role.name());
    out.add("CREATE ROLE " + name);
    StringBuilder alter = new StringBuilder("ALTER ROLE ").append(name).append(" WITH");
    alter.append(role.superuser() ? " SUPERUSER" : " NOSUPERUSER");
    alter.append(role.inherit() ? " INHERIT" : " NOINHERIT");
    alter.append(role.createRole() ? " CREATEROLE" : " NOCREATEROLE");
    alter.append(role.createDb() ? " CREATEDB" : " NOCREATEDB");
    alter.append(role.login() ? " LOGIN" : " NOLOGIN");
    alter.append(role.replication() ? " REPLICATION" : " NOREPLICATION");
    alter.append(role.bypassRls() ? " BYPASSRLS" : " NOBYPASSRLS");
    alter.append(" CONNECTION LIMIT ").append(role.connectionLimit());
    if (role.password() != null) {
      // A stored hash (SCRAM or md5) is accepted as is and never re-hashed.
      alter.append(" PASSWORD ").append(literal(role.password()));
    }
    if (role.validUntil() != null) {
      alter.append(" VALID UNTIL ").append(literal(role.validUntil()));
    }
    out.add(alter.toString());
    if (role.comment() != null) {
      out.add("COMMENT ON ROLE " + name + " IS " + literal(role.comment()));
    }
    for (PgSetting s : role.settings()) {
      out.add("ALTER ROLE " + name + " SET " + assignment(s));
    }
    return out;
  }

  static String grantMembership(PgMembership m, boolean withGrantor) {
    return "GRANT "
        + quote(m.role())
        + " TO "
        + quote(m.member())
        + (m.admin() ? " WITH ADMIN OPTION" : "")
        + (withGrantor && m.grantor() != null ? " GRANTED BY " + quote(m.grantor()) : "");
  }

  static List<String> createTablespace(PgTablespace t) {
    List<String> out = new ArrayList<>();
    String name = quote(t.name());
    out.add(
        "CREATE TABLESPACE " + name + " OWNER " + quote(t.owner()) + " LOCATION " + literal(t.location()));
    if (!t.options().isEmpty()) {
      out.add("ALTER TABLESPACE " + name + " SET (" + String.join(", ", t.options()) + ")");
    }
    out.addAll(acl("TABLESPACE", name, t.owner(), t.privileges()));
    if (t.comment() != null) {
      out.add("COMMENT ON TABLESPACE " + name + " IS " + literal(t.comment()));
    }
    return out;
  }

  /**
   * CREATE DATABASE with the captured encoding and locale. Template0, because the captured
   * encoding and locale may differ from template1's, and because the pre-data script expects an
   * empty database.
   */
  static String createDatabase(
      PgDatabase db, String name, boolean localeProvider, boolean tablespace) {
    StringBuilder sql =
        new StringBuilder("CREATE DATABASE ")
            .append(quote(name))
            .append(" WITH TEMPLATE = template0 ENCODING = ")
            .append(literal(db.encoding()))
            .append(" LC_COLLATE = ")
            .append(literal(db.collate()))
            .append(" LC_CTYPE = ")
            .append(literal(db.ctype()));
    if (localeProvider && db.localeProvider() != null) {
      sql.append(" LOCALE_PROVIDER = ").append(db.localeProvider().equals("i") ? "icu" : "libc");
      if (db.icuLocale() != null) {
        sql.append(" ICU_LOCALE = ").append(literal(db.icuLocale()));
      }
    }
    if (tablespace && !db.tablespace().equals("pg_default")) {
      sql.append(" TABLESPACE = ").append(quote(db.tablespace()));
    }
    return sql.toString();
  }

  /**
   * The properties applied after the data is loaded: settings such as {@code
   * default_transaction_read_only} would otherwise get in the way of the restore itself.
   */
  static List<String> databaseProperties(PgDatabase db, String name) {
    List<String> out = new ArrayList<>();
    String q = quote(name);
    if (db.comment() != null) {
      out.add("COMMENT ON DATABASE " + q + " IS " + literal(db.comment()));
    }
    out.addAll(acl("DATABASE", q, db.owner(), db.privileges()));
    for (PgSetting s : db.settings()) {
      out.add(
          s.role() == null
              ? "ALTER DATABASE " + q + " SET " + assignment(s)
              : "ALTER ROLE " + quote(s.role()) + " IN DATABASE " + q + " SET " + assignment(s));
    }
    if (db.connectionLimit() != -1) {
      out.add("ALTER DATABASE " + q + " WITH CONNECTION LIMIT " + db.connectionLimit());
    }
    if (db.template()) {
      out.add("ALTER DATABASE " + q + " WITH IS_TEMPLATE true");
    }
    if (!db.allowConnections()) {
      out.add("ALTER DATABASE " + q + " WITH ALLOW_CONNECTIONS false");
    }
    return out;
  }

  /**
   * Re-creates an ACL: a null list is the built-in default and needs nothing; otherwise everything
   * is revoked from PUBLIC and the owner and the captured entries are granted again.
   */
  private static List<String> acl(String type, String object, String owner, List<PgGrant> grants) {
    List<String> out = new ArrayList<>();
    if (grants == null) {
      return out;
    }
    out.add("REVOKE ALL ON " + type + " " + object + " FROM PUBLIC");
    out.add("REVOKE ALL ON " + type + " " + object + " FROM " + quote(owner));
    for (PgGrant g : grants) {
      out.add(
          "GRANT "
              + g.privilege()
              + " ON "
              + type
              + " "
              + object
              + " TO "
              + (g.grantee() == null ? "PUBLIC" : quote(g.grantee()))
              + (g.grantable() ? " WITH GRANT OPTION" : ""));
    }
    return out;
  }

  /** {@code name TO value}, splitting list parameters into their quoted elements. */
  static String assignment(PgSetting s) {
    if (!LIST_PARAMETERS.contains(s.name())) {
      return s.name() + " TO " + literal(s.value());
    }
    List<String> elements = new ArrayList<>();
    for (String element : splitList(s.value())) {
      elements.add(literal(element));
    }
    return s.name() + " TO " + String.join(", ", elements);
  }

  /** Splits a stored list value: comma-separated, elements optionally double-quoted. */
  static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(value.charAt(i))) {
        i++;
      }
      StringBuilder element = new StringBuilder();
      boolean quoted = i < n && value.charAt(i) == '"';
      if (quoted) {
        i++;
        while (i < n) {
          char c = value.charAt(i++);
          if (c == '"') {
            if (i < n && value.charAt(i) == '"') {
              element.append('"');
              i++;
            } else {
              break;
            }
          } else {
            element.append(c);
          }
        }
        while (i < n && value.charAt(i) != ',') {
          i++;
        }
      } else {
        while (i < n && value.charAt(i) != ',') {
          element.append(value.charAt(i++));
        }
      }
      out.add(quoted ? element.toString() : element.toString().strip());
      i++;
    }
    return out;
  }
}
