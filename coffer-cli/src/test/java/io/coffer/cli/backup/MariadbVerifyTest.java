package io.coffer.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup verify} against the machine's MariaDB server; the scratch database is gone afterwards. */
class MariadbVerifyTest {

  static final String HOST = "127.0.0.1";

  @TempDir Path tmp;
  final String database = "coffer_vm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.execute("create database " + database);
    }
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute("create table item (id int primary key, name varchar(40) not null)");
      s.execute("insert into item select seq, concat('item ', seq) from seq_1_to_3000");
    }
    cli = new CliHarness(tmp);
    cli.registerBasics();
    cli.ok("node", "add", "maria", "--engine", "mariadb", "--host", HOST, "--admin-user", "root");
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + database);
    }
  }

  @Test
  void aBackup_verifies_thenFailsOnceItsRecordIsChanged() throws Exception {
    cli.ok("backup", "run", "--node", "maria", "--database", database);

    Result passed = cli.ok("backup", "verify", "1");
    assertThat(passed.out()).contains("[PASSED] verification 1 of backup 1 on node maria: 1 tables, 3000 rows")
        .contains("coffer_verify_1");
    assertThat(scratchDatabases()).isEmpty();

    CatalogReports.addARow(cli.home.resolve("catalog.db"), 1);
    Result failed = cli.run("backup", "verify", "1");
    assertThat(failed.code()).as(failed.err()).isEqualTo(3);
    assertThat(failed.out()).contains("[FAILED]").contains(database + ": table item has 3000 rows, the backup"
        + " recorded 3001");
    assertThat(scratchDatabases()).isEmpty();
  }

  /** This catalog's scratch databases of backup 1 on the shared server (other catalogs' are not ours to see). */
  private List<String> scratchDatabases() throws Exception {
    String identity = CatalogReports.identity(cli.home.resolve("catalog.db"));
    List<String> names = new ArrayList<>();
    try (Connection c = connect(""); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("show databases like 'coffer\\_verify\\_1\\_" + identity + "%'")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    return names;
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://" + HOST + ":3306/" + db, "root", "");
  }
}
