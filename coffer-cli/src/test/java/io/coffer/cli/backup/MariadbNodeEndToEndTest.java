package io.coffer.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MariaDB node of the machine's server (root, empty password), through the command line:
 * register it, list its databases, back one with a few tables up, restore it under another name
 * and compare every table. The databases made are dropped afterwards.
 */
class MariadbNodeEndToEndTest {

  static final String HOST = "127.0.0.1";
  static final String USER = "root";
  static final String[] TABLES = {"customer", "item", "purchase"};

  @TempDir Path tmp;
  final String database = "coffer_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final String copy = database + "_copy";
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException, SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.execute("create database " + database);
    }
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute("create table customer (id int primary key, name varchar(80) not null, note text) engine=InnoDB");
      s.execute("create table item (id int primary key, name varchar(80) not null, price decimal(10,2),"
          + " picture blob) engine=InnoDB");
      s.execute("create table purchase (id bigint auto_increment primary key, customer int not null, item int not null,"
          + " at datetime(3) not null, foreign key (customer) references customer (id),"
          + " foreign key (item) references item (id)) engine=InnoDB");
      s.execute("insert into customer select seq, concat('customer ', seq), if(seq % 7 = 0, null, 'é ü \\'quoted\\'')"
          + " from seq_1_to_500");
      s.execute("insert into item select seq, concat('item ', seq), seq * 1.25, unhex(md5(seq)) from seq_1_to_2000");
      s.execute("insert into purchase (customer, item, at) select 1 + seq % 500, 1 + seq % 2000,"
          + " '2026-01-01 00:00:00.123' + interval seq second from seq_1_to_20000");
    }
    cli = new CliHarness(tmp);
    cli.registerBasics();
    cli.ok("node", "add", "maria", "--engine", "mariadb", "--host", HOST, "--admin-user", USER);
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + copy);
      s.execute("drop database if exists " + database);
    }
  }

  @Test
  void backupAndRestoreUnderAnotherName_giveTheSameRows() throws SQLException {
    assertThat(cli.ok("node", "databases", "maria").out()).contains(database).contains("NO DEFINITION");
    assertThat(cli.ok("backup", "run", "--node", "maria", "--database", database).out())
        .contains("[Done] backup 1 of node maria (" + database + ") SUCCEEDED");
    assertThat(cli.ok("backup", "contents", "1").out()).contains("purchase").contains("20000");
    assertThat(cli.ok("restore", "run", "1", "--target-node", "maria", "--target-database", copy).out())
        .contains("create database " + copy + " from " + database).contains("[Done] restore 1");
    assertThat(fingerprints(copy)).isEqualTo(fingerprints(database)).hasSize(TABLES.length);
    assertThat(cli.ok("restore", "show", "1").out()).containsPattern("Status\\s+SUCCEEDED");
  }

  @Test
  void extraParameters_reachMariadbDump_andOnesThatWouldBreakTheBackupAreRefused() throws SQLException {
    cli.ok("definition", "add", "--node", "maria", "--databases", database,
        "--extra-parameters", "--ignore-table=" + database + ".purchase --skip-routines");
    Result refused = cli.run("oneoff", "add", "--node", "maria", "--databases", database, "--at", "now",
        "--extra-parameters", "--skip-comments");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("extra-parameters \"--skip-comments\" is not valid")
        .contains("--ignore-table=DATABASE.TABLE");
    assertThat(cli.run("definition", "add", "--node", "maria", "--databases", database,
        "--extra-parameters", "--ignore-table=purchase").err()).contains("--ignore-table=DATABASE.TABLE");
    assertThat(cli.ok("oneoff", "list").out()).as("the refused one-off was not added").contains("No one-offs.");
    assertThat(cli.ok("definition", "list", "--json").json()).as("nor the refused definition").hasSize(1);

    cli.ok("backup", "run", "1");
    assertThat(cli.ok("backup", "contents", "1").out()).contains("customer").contains("item")
        .doesNotContain("purchase");
    cli.ok("restore", "run", "1", "--target-node", "maria", "--target-database", copy);
    try (Connection c = connect(copy); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select group_concat(table_name order by table_name) from information_schema.tables"
            + " where table_schema = '" + copy + "'")) {
      r.next();
      assertThat(r.getString(1)).as("the ignored table was not dumped").isEqualTo("customer,item");
    }
  }

  /** Row count and checksum of every table. */
  private static Map<String, String> fingerprints(String db) throws SQLException {
    Map<String, String> prints = new LinkedHashMap<>();
    try (Connection c = connect(db); Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet r = s.executeQuery("checksum table " + table + " extended")) {
          r.next();
          prints.put(table, r.getString(2));
        }
        try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
          r.next();
          prints.merge(table, " " + r.getLong(1), String::concat);
        }
      }
    }
    return prints;
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://" + HOST + ":3306/" + db, USER, "");
  }
}
