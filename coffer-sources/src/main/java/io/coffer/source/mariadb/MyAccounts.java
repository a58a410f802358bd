package io.coffer.source.mariadb;

import io.coffer.source.mariadb.MyGrant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads users, roles and their grants. For a database backup: the accounts with privileges on a
 * member (database, table, column or routine level, matched exactly or by the grant's own database
 * pattern) and the roles granted to them, transitively. For CLUSTER: every account. Built-in
 * accounts (root, mariadb.sys, mysql, PUBLIC) exist on every server and are left out.
 */
final class MyAccounts {

  private static final Pattern ON_DATABASE =
      Pattern.compile(
          "^(GRANT .+? ON (?:(?:FUNCTION|PROCEDURE|PACKAGE BODY|PACKAGE) )?)(`(?:[^`]|``)*`)(\\..*)$",
          Pattern.DOTALL);

  private record Key(String user, String host) {}

  private MyAccounts() {}

  static boolean isSystem(String user, String host) {
    return user.equals("root")
        || user.equals("PUBLIC")
        || (host.equals("localhost") && (user.equals("mariadb.sys") || user.equals("mysql")));
  }

  /** Labels of every account on the server, as {@link MyAccount#label()} writes them. */
  static Set<String> labels(Connection c) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT User, Host, is_role FROM mysql.user")) {
      while (r.next()) {
        out.add(new MyAccount(r.getString(1), r.getString(2), r.getString(3).equals("Y"), null, List.of()).label());
      }
    }
    return out;
  }

  static List<MyAccount> capture(Connection c, List<String> members, boolean all) throws SQLException {
    Set<Key> keys = new LinkedHashSet<>();
    if (all) {
      keys.addAll(keys(c, "SELECT User, Host FROM mysql.user", null));
    } else {
      for (String db : members) {
        keys.addAll(keys(c, "SELECT User, Host FROM mysql.db WHERE ? LIKE Db", db));
        keys.addAll(keys(c, "SELECT User, Host FROM mysql.tables_priv WHERE Db = ?", db));
        keys.addAll(keys(c, "SELECT User, Host FROM mysql.columns_priv WHERE Db = ?", db));
        keys.addAll(keys(c, "SELECT User, Host FROM mysql.procs_priv WHERE Db = ?", db));
      }
    }
    Deque<Key> todo = new ArrayDeque<>(keys);
    while (!todo.isEmpty()) {
      Key k = todo.pop();
      try (PreparedStatement p =
          c.prepareStatement("SELECT Role FROM mysql.roles_mapping WHERE User = ? AND Host = ?")) {
        p.setString(1, k.user());
        p.setString(2, k.host());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            Key role = new Key(r.getString(1), "");
            if (keys.add(role)) {
              todo.push(role);
            }
          }
        }
      }
    }
    List<MyAccount> accounts = new ArrayList<>();
    for (Key k : keys) {
      if (!isSystem(k.user(), k.host())) {
        accounts.add(account(c, k, members, all));
      }
    }
    return accounts;
  }

  private static MyAccount account(Connection c, Key k, List<String> members, boolean all)
      throws SQLException {
    boolean role = k.host().isEmpty() && isRole(c, k.user());
    String name = role ? quote(k.user()) : quote(k.user()) + "@" + quote(k.host());
    String create = role ? "CREATE ROLE " + name : single(c, "SHOW CREATE USER " + name);
    List<MyGrant> grants = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW GRANTS FOR " + name)) {
      while (r.next()) {
        MyGrant g = parse(r.getString(1));
        if (g.scope() != Scope.DATABASE || all || concerns(g.database(), members)) {
          grants.add(g);
        }
      }
    }
    return new MyAccount(k.user(), k.host(), role, create, grants);
  }

  static MyGrant parse(String line) {
    if (line.startsWith("SET DEFAULT ROLE")) {
      return new MyGrant(Scope.DEFAULT_ROLE, null, line, "");
    }
    Matcher m = ON_DATABASE.matcher(line);
    if (m.matches()) {
      String quoted = m.group(2);
      String db = quoted.substring(1, quoted.length() - 1).replace("``", "`");
      return new MyGrant(Scope.DATABASE, db, m.group(1), m.group(3));
    }
    boolean roleGrant = line.startsWith("GRANT `") && !line.contains(" ON ");
    return new MyGrant(roleGrant ? Scope.ROLE : Scope.GLOBAL, null, line, "");
  }

  /** Whether a grant's database, a name or a LIKE pattern, covers one of the members. */
  private static boolean concerns(String database, List<String> members) {
    Pattern like = likePattern(database);
    return members.stream().anyMatch(m -> m.equals(database) || like.matcher(m).matches());
  }

  private static Pattern likePattern(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (ch == '%') {
        regex.append(".*");
      } else if (ch == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static boolean isRole(Connection c, String user) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT is_role FROM mysql.user WHERE User = ? AND Host = ''")) {
      p.setString(1, user);
      try (ResultSet r = p.executeQuery()) {
        return r.next() && r.getString(1).equals("Y");
      }
    }
  }

  private static Set<Key> keys(Connection c, String sql, String db) throws SQLException {
    Set<Key> out = new LinkedHashSet<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      if (db != null) {
        p.setString(1, db);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Key(r.getString(1), r.getString(2)));
        }
      }
    }
    return out;
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  static String quote(String name) {
    return DumpSplitter.quote(name);
  }
}
