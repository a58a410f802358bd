package io.coffer.cli.physical;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.testing.Await;
import io.coffer.testing.ThrowawayMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PHYSICAL backups of MariaDB through the CLI, in-process, of a server of the test's own (a scratch
 * data directory, a free port; the machine's shared server's files are never read) with
 * mariadb-backup: taken while transactions write two tables together, verified, and restored into
 * a new data directory that a mariadbd started on a free port serves — both tables with the same
 * number of rows (a mixed copy would differ), the Aria table too, and nothing written after the
 * backup.
 */
class MariaDbPhysicalCommandsTest {

  private static ThrowawayMariaDb server;
  @TempDir Path tmp;
  CliHarness cli;

  @BeforeAll
  static void startServer() throws Exception {
    server = new ThrowawayMariaDb();
    sql("CREATE DATABASE shop", "CREATE TABLE shop.orders (id int PRIMARY KEY, note text) ENGINE=InnoDB",
        "CREATE TABLE shop.order_lines (id int PRIMARY KEY, qty int) ENGINE=InnoDB",
        "CREATE TABLE shop.settings (k varchar(20) PRIMARY KEY, v text) ENGINE=Aria",
        "INSERT INTO shop.settings VALUES ('currency', 'EUR'), ('tax', '19')");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    cli = new CliHarness(tmp);
    cli.registerBasics();
    cli.ok("node", "add", "maria", "--engine", "mariadb", "--host", "127.0.0.1", "--port",
        Integer.toString(server.port()));
  }

  @Test
  void backupUnderWriteLoad_verifies_andRestoresIntoADataDirectoryThatServesTheRowsOfTheBackup() throws Exception {
    cli.ok("definition", "add", "--node", "maria", "--kind", "PHYSICAL", "--cron", "0 1 * * *");
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong committed = new AtomicLong();
    Thread load = new Thread(() -> write(writing, committed), "order-writer");
    load.start();
    Result backup;
    try {
      Await.until("200 orders committed", () -> committed.get() >= 200,
          () -> assertThat(load.isAlive()).as("the order writer runs").isTrue());
      backup = cli.ok("backup", "run", "1");
    } finally {
      writing.set(false);
      load.join(TimeUnit.MINUTES.toMillis(1));
    }
    assertThat(backup.out()).contains("SUCCEEDED: PHYSICAL level 0");
    assertThat(cli.ok("backup", "contents", "1").out()).contains("mariadb-backup.xbstream");
    assertThat(cli.ok("backup", "show", "1").out()).containsPattern("Log range +\\d+ to \\d+");
    sql("INSERT INTO shop.orders VALUES (-1, 'after the backup')");

    Result verify = cli.ok("backup", "verify", "1");
    assertThat(verify.out()).contains("[PASSED]").contains("3 tables");

    Path target = tmp.resolve("restored");
    Result restored = cli.ok("restore", "run", "1", "--target-dir", target.toString());
    assertThat(restored.out()).contains("[Done] restore 1 of backup 1");
    List<Long> counts = rowsOfACopy(target);
    assertThat(counts.get(0)).as("orders and order_lines are written together").isEqualTo(counts.get(1))
        .isGreaterThanOrEqualTo(200);
    assertThat(counts.get(2)).isEqualTo(2);
    assertThat(counts.get(3)).as("the row written after the backup").isZero();

    Result occupied = cli.run("restore", "run", "1", "--target-dir", target.toString());
    assertThat(occupied.code()).isEqualTo(2);
    assertThat(occupied.err()).contains("target-dir").contains("not empty");
  }

  /** One transaction per order: its order and its line, so the two tables always hold the same count. */
  private static void write(AtomicBoolean writing, AtomicLong committed) {
    try (Connection c = DriverManager.getConnection(server.url("shop"), "root", "");
        PreparedStatement order = c.prepareStatement("INSERT INTO orders VALUES (?, 'order')");
        PreparedStatement line = c.prepareStatement("INSERT INTO order_lines VALUES (?, 1)")) {
      c.setAutoCommit(false);
      for (int id = 1; writing.get(); id++) {
        order.setInt(1, id);
        order.executeUpdate();
        line.setInt(1, id);
        line.executeUpdate();
        c.commit();
        committed.incrementAndGet();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts mariadbd on a restored data directory (a free loopback port) and counts the rows. */
  private static List<Long> rowsOfACopy(Path data) throws Exception {
    return RestoredMariaDb.query(data, c -> {
      List<Long> counts = new ArrayList<>();
      try (Statement s = c.createStatement()) {
        for (String query : List.of("SELECT count(*) FROM orders WHERE id > 0", "SELECT count(*) FROM order_lines",
            "SELECT count(*) FROM settings", "SELECT count(*) FROM orders WHERE id < 0")) {
          try (ResultSet r = s.executeQuery(query)) {
            r.next();
            counts.add(r.getLong(1));
          }
        }
      }
      return counts;
    });
  }

  private static void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.url(""), "root", "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
