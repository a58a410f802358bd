package io.coffer.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.cli.LocalPostgres;
import io.coffer.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when a PostgreSQL node cannot be backed up or restored to: a clear one-line
 * error and an exit code; a failed backup is recorded FAILED with the reason; a refused restore
 * changes nothing.
 */
class PostgresqlNodeFaultsTest {

  static final String HOST = LocalPostgres.HOST;
  static final String USER = LocalPostgres.USER;

  @TempDir Path tmp;
  @RegisterExtension final LocalPostgres pg = new LocalPostgres("coffer_fault_");
  String database;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException, SQLException {
    database = pg.create("", "create table item (id int primary key, name text not null)",
        "insert into item select g, 'item ' || g from generate_series(1, 1000) g");
    cli = LocalPostgres.harnessWithNode(tmp, "pg");
  }

  @Test
  void unknownAdminUser_backupRecordedFailedWithTheServersReason() {
    cli.ok("node", "add", "stranger", "--engine", "postgresql", "--host", HOST, "--admin-user", "coffer_no_such_role");
    Result r = cli.run("backup", "run", "--node", "stranger", "--database", database);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("backup 1 of node stranger FAILED").contains("refused user coffer_no_such_role")
        .contains("role \"coffer_no_such_role\" does not exist").doesNotContain("Exception");
    assertThat(cli.ok("backup", "show", "1").out()).containsPattern("Status\\s+FAILED")
        .contains("refused user coffer_no_such_role");
  }

  @Test
  void unreadableCredential_failsNamingWhereThePasswordShouldBe() {
    Path missing = tmp.resolve("no-such-password");
    cli.ok("node", "add", "locked", "--engine", "postgresql", "--host", HOST, "--admin-user", USER,
        "--credential", "file:" + missing);
    cli.ok("node", "add", "unset", "--engine", "postgresql", "--host", HOST, "--admin-user", USER,
        "--credential", "env:COFFER_TEST_UNSET_PASSWORD");

    Result file = cli.run("backup", "run", "--node", "locked", "--database", database);
    assertThat(file.code()).isEqualTo(1);
    assertThat(file.err()).contains("backup 1 of node locked FAILED")
        .contains("credential password file " + missing + " does not exist");
    Result env = cli.run("backup", "run", "--node", "unset", "--database", database);
    assertThat(env.code()).isEqualTo(1);
    assertThat(env.err()).contains("backup 2 of node unset FAILED")
        .contains("credential environment variable COFFER_TEST_UNSET_PASSWORD is not set");
    assertThat(cli.ok("backup", "show", "2").out()).containsPattern("Status\\s+FAILED").contains("is not set");
  }

  @Test
  void unreachableNode_backupRecordedFailedNamingHostAndPort() {
    cli.ok("node", "add", "away", "--engine", "postgresql", "--host", HOST, "--port", "1", "--admin-user", USER);
    Result r = cli.run("backup", "run", "--node", "away", "--database", database);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("backup 1 of node away FAILED").contains("cannot connect to PostgreSQL node 127.0.0.1:1");
    assertThat(cli.ok("backup", "show", "1").out()).containsPattern("Status\\s+FAILED").contains("127.0.0.1:1");
  }

  @Test
  void missingDatabase_refusedNamingItAndTheDatabasesThere_andRecordsNothing() {
    Result r = cli.run("backup", "run", "--node", "pg", "--database", database + "_missing");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("database \"" + database + "_missing\"").contains("has no such database")
        .contains(database + ",");
    assertThat(cli.ok("backup", "list").out()).contains("No backups.");
  }

  @Test
  void restoreOntoAnExistingDatabaseWithoutAFlag_exits2_andLeavesItUntouched() throws SQLException {
    cli.ok("backup", "run", "--node", "pg", "--database", database);
    pg.execute(database, "insert into item values (5000, 'added after the backup')");
    String before = fingerprint();

    Result r = cli.run("restore", "run", "1", "--target-node", "pg");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("coffer: database " + database + " exists on pg; choose --rename-existing,"
        + " --drop-existing, --as-timestamped or another --target-database");
    assertThat(fingerprint()).isEqualTo(before).startsWith("1001 ");
    assertThat(cli.ok("restore", "list").out()).contains("No restores.");
    assertThat(cli.ok("history", "--json").out()).as("the refusal is in the history")
        .contains("rejected: database " + database + " exists on pg");
    assertThat(cli.ok("restore", "run", "--help").out()).as("--target-node is shown as required")
        .contains("Usage: coffer restore run BACKUP_ID --target-node=NODE\n");
  }

  private String fingerprint() throws SQLException {
    return pg.value(database, "select count(*) || ' ' || md5(string_agg(id || name, ',' order by id)) from item");
  }

  /**
   * A {@code backup run} killed with -9 while pg_dump waits for a table lock: its RUNNING row cannot
   * finish itself, so the next command on this host finds the process gone and records the backup
   * FAILED, saying what it left behind. While it ran, other commands left it alone.
   */
  @Test
  void killedBackupRun_isRecordedFailedByTheNextCommand() throws Exception {
    long pid;
    try (Connection locker = LocalPostgres.connect(database); Statement s = locker.createStatement()) {
      locker.setAutoCommit(false);
      s.execute("lock table item in access exclusive mode");
      Path log = tmp.resolve("backup-run.log");
      Process child = cli.child(log, "backup", "run", "--node", "pg", "--database", database);
      pid = child.pid();
      try {
        waitFor("the backup waiting for the lock", this::backupWaitsForLock, child, log);
        assertThat(cli.ok("backup", "list").out()).as("while it runs").contains("RUNNING");
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        child.destroyForcibly();
        locker.rollback();
      }
    }

    Result list = cli.ok("backup", "list");
    assertThat(list.err()).contains("coffer: warning: backup 1 was left RUNNING; recorded it as ended: interrupted: process "
        + pid + " on ").contains("ended before the backup finished");
    assertThat(list.out()).contains("FAILED").doesNotContain("RUNNING");
    assertThat(cli.ok("backup", "show", "1").out()).containsPattern("Status\\s+FAILED")
        .contains("nothing of it was committed to its volume");
    assertThat(cli.ok("backup", "list").err()).as("recorded once").doesNotContain("left RUNNING");
  }

  /** Asked on a connection of its own: a transaction sees one snapshot of pg_stat_activity. */
  private boolean backupWaitsForLock() throws SQLException {
    return Integer.parseInt(pg.value("postgres", "select count(*) from pg_stat_activity where datname = '" + database
        + "' and wait_event_type = 'Lock'")) > 0;
  }

  /**
   * Awaits {@code check} while the child lives. The bound only turns a hang into a failure: a child
   * JVM reached pg_dump's lock wait in 64 s once, on a machine at load 25.
   */
  private static void waitFor(String what, Await.Condition check, Process child, Path log) throws Exception {
    Await.until(what, check, () -> assertThat(child.isAlive())
        .as("the child is gone before " + what + ": " + java.nio.file.Files.readString(log)).isTrue());
  }
}
