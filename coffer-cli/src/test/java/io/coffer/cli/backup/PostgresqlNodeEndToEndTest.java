package io.coffer.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL node of the machine's server, through the command line: register it, list its
 * databases, back one up, restore it under another name and compare. The databases made are
 * dropped afterwards.
 */
class PostgresqlNodeEndToEndTest {

  static final String HOST = "127.0.0.1";
  static final String USER = "postgres";

  @TempDir Path tmp;
  final String database = "coffer_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final String copy = database + "_copy";
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException, SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("create database " + database);
    }
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute("create table item (id int primary key, name text not null, price numeric(10,2))");
      s.execute("insert into item select g, 'item ' || g, g * 1.25 from generate_series(1, 20000) g");
    }
    cli = new CliHarness(tmp);
    cli.registerBasics();
    cli.ok("node", "add", "pg", "--engine", "postgresql", "--host", HOST, "--admin-user", USER);
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + copy);
      s.execute("drop database if exists " + database);
    }
  }

  @Test
  void backupAndRestoreUnderAnotherName_giveTheSameRows() throws SQLException {
    assertThat(cli.ok("node", "databases", "pg").out()).contains(database).contains("NO DEFINITION");
    assertThat(cli.ok("backup", "run", "--node", "pg", "--database", database).out())
        .contains("[Done] backup 1 of node pg (" + database + ") SUCCEEDED");
    assertThat(cli.ok("backup", "contents", "1").out()).contains("public.item").contains("20000");
    assertThat(cli.ok("restore", "run", "1", "--target-node", "pg", "--target-database", copy).out())
        .contains("create database " + copy + " from " + database).contains("[Done] restore 1");
    assertThat(fingerprint(copy)).isEqualTo(fingerprint(database));
  }

  private static String fingerprint(String db) throws SQLException {
    try (Connection c = connect(db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) || ' ' || md5(string_agg(id || name || price, ',' order by id))"
            + " from item")) {
      r.next();
      return r.getString(1);
    }
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/" + db, USER, "");
  }
}
