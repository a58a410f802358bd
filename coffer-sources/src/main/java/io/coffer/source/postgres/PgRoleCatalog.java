package io.coffer.source.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog queries about roles: which roles a database needs, found by oid, and everything about
 * them a restore must re-create. Called inside the backup's snapshot transaction.
 */
final class PgRoleCatalog {

  /**
   * Every role this database refers to by oid: owners of anything, grantees and grantors in any ACL,
   * policy roles, user mappings, default privileges and per-database role settings. Matching is by
   * oid, so {@code user} never matches {@code user_ro}.
   */
  private static final String REFERENCED_ROLES =
      "SELECT datdba FROM pg_database WHERE datname = current_database()"
          + " UNION SELECT a.grantee FROM pg_database, aclexplode(datacl) a WHERE datname = current_database()"
          + acl("pg_namespace", "nspowner", "nspacl")
          + acl("pg_class", "relowner", "relacl")
          + acl("pg_proc", "proowner", "proacl")
          + acl("pg_type", "typowner", "typacl")
          + acl("pg_language", "lanowner", "lanacl")
          + acl("pg_largeobject_metadata", "lomowner", "lomacl")
          + acl("pg_foreign_data_wrapper", "fdwowner", "fdwacl")
          + acl("pg_foreign_server", "srvowner", "srvacl")
          + acl("pg_default_acl", "defaclrole", "defaclacl")
          + " UNION SELECT a.grantee FROM pg_attribute, aclexplode(attacl) a"
          + " UNION SELECT a.grantor FROM pg_attribute, aclexplode(attacl) a"
          + " UNION SELECT umuser FROM pg_user_mapping"
          + " UNION SELECT unnest(polroles) FROM pg_policy"
          + " UNION SELECT collowner FROM pg_collation UNION SELECT conowner FROM pg_conversion"
          + " UNION SELECT oprowner FROM pg_operator UNION SELECT opcowner FROM pg_opclass"
          + " UNION SELECT opfowner FROM pg_opfamily UNION SELECT cfgowner FROM pg_ts_config"
          + " UNION SELECT dictowner FROM pg_ts_dict UNION SELECT extowner FROM pg_extension"
          + " UNION SELECT evtowner FROM pg_event_trigger UNION SELECT pubowner FROM pg_publication"
          + " UNION SELECT stxowner FROM pg_statistic_ext"
          + " UNION SELECT setrole FROM pg_db_role_setting WHERE setdatabase ="
          + " (SELECT oid FROM pg_database WHERE datname = current_database())";

  private static String acl(String table, String owner, String acl) {
    return " UNION SELECT "
        + owner
        + " FROM "
        + table
        + " UNION SELECT a.grantee FROM "
        + table
        + ", aclexplode("
        + acl
        + ") a UNION SELECT a.grantor FROM "
        + table
        + ", aclexplode("
        + acl
        + ") a";
  }

  private PgRoleCatalog() {}

  /** The oids of the roles this database refers to. */
  static Set<Long> referencedRoles(Connection c) throws SQLException {
    Set<Long> oids = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(REFERENCED_ROLES)) {
      while (r.next()) {
        long oid = r.getLong(1);
        if (oid != 0) {
          oids.add(oid);
        }
      }
    }
    return oids;
  }

  /** The oids of every role that is not a system role. */
  static Set<Long> normalRoles(Connection c) throws SQLException {
    Set<Long> oids = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT oid FROM pg_roles WHERE oid >= " + PgCatalog.FIRST_NORMAL_OID)) {
      while (r.next()) {
        oids.add(r.getLong(1));
      }
    }
    return oids;
  }

  /**
   * The roles with the given oids plus every role granted to them, transitively, with their
   * attributes, memberships and settings. Password hashes need a superuser; otherwise they are left
   * out (the restored roles then have no password).
   */
  static PgGlobals globals(Connection c, Set<Long> roleOids, boolean tablespaces)
      throws SQLException {
    Long[] seed = roleOids.toArray(new Long[0]);
    List<Long> closure = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "WITH RECURSIVE closure(oid) AS (SELECT unnest(?::oid[])"
                + " UNION SELECT m.roleid FROM pg_auth_members m JOIN closure ON m.member = closure.oid)"
                + " SELECT oid FROM closure ORDER BY oid")) {
      p.setArray(1, c.createArrayOf("oid", seed));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          closure.add(r.getLong(1));
        }
      }
    }
    Array oids = c.createArrayOf("oid", closure.toArray(new Long[0]));
    Map<String, List<PgSetting>> settings = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT pg_get_userbyid(setrole), unnest(setconfig) FROM pg_db_role_setting"
                + " WHERE setdatabase = 0 AND setrole = ANY(?) ORDER BY 1")) {
      p.setArray(1, oids);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          settings.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
              .add(PgSetting.parse(null, r.getString(2)));
        }
      }
    }
    boolean superuser = PgCatalog.isSuperuser(c);
    String source = superuser ? "pg_authid" : "pg_roles";
    String password = superuser ? "rolpassword" : "NULL";
    List<PgRole> roles = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin,"
                + " rolreplication, rolbypassrls, rolconnlimit, "
                + password
                + ", rolvaliduntil::text, shobj_description(oid, 'pg_authid') FROM "
                + source
                + " WHERE oid = ANY(?) ORDER BY rolname")) {
      p.setArray(1, oids);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String name = r.getString(2);
          roles.add(
              new PgRole(
                  name,
                  r.getLong(1) < PgCatalog.FIRST_NORMAL_OID,
                  r.getBoolean(3),
                  r.getBoolean(4),
                  r.getBoolean(5),
                  r.getBoolean(6),
                  r.getBoolean(7),
                  r.getBoolean(8),
                  r.getBoolean(9),
                  r.getInt(10),
                  r.getString(11),
                  r.getString(12),
                  r.getString(13),
                  settings.getOrDefault(name, List.of())));
        }
      }
    }
    List<PgMembership> memberships = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT pg_get_userbyid(roleid), pg_get_userbyid(member), pg_get_userbyid(grantor),"
                + " admin_option FROM pg_auth_members WHERE member = ANY(?) ORDER BY 1, 2")) {
      p.setArray(1, oids);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          memberships.add(
              new PgMembership(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4)));
        }
      }
    }
    return new PgGlobals(roles, memberships, tablespaces ? tablespaces(c) : List.of());
  }

  private static List<PgTablespace> tablespaces(Connection c) throws SQLException {
    List<PgTablespace> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT oid, spcname, pg_get_userbyid(spcowner), pg_tablespace_location(oid),"
                    + " spcoptions, spcacl IS NULL, shobj_description(oid, 'pg_tablespace')"
                    + " FROM pg_tablespace WHERE spcname NOT IN ('pg_default', 'pg_global')"
                    + " ORDER BY spcname")) {
      while (r.next()) {
        List<PgGrant> acl =
            r.getBoolean(6)
                ? null
                : PgCatalog.grants(c, "SELECT spcacl FROM pg_tablespace WHERE oid = " + r.getLong(1));
        out.add(
            new PgTablespace(
                r.getString(2),
                r.getString(3),
                r.getString(4),
                PgCatalog.textArray(r.getArray(5)),
                acl,
                r.getString(7)));
      }
    }
    return out;
  }
}
