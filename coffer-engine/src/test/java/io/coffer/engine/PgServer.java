package io.coffer.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Statements and one-column queries on the machine's PostgreSQL server (127.0.0.1:5432, user postgres). */
public final class PgServer {

  public static final String URL = "jdbc:postgresql://127.0.0.1:5432/";

  private PgServer() {}

  /** Runs the statements in database {@code db}, one after the other. */
  public static void execute(String db, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL + db, "postgres", ""); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** The first column of every row {@code sql} returns in database {@code db}, as text. */
  public static List<String> strings(String db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(URL + db, "postgres", "");
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
