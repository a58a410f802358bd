package io.coffer.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.coffer.model.CredentialReference;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.model.RolePolicy;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.Children;
import io.coffer.source.ClientSession;
import io.coffer.source.ConcurrentWriter;
import io.coffer.source.ContentCheck;
import io.coffer.source.Listener;
import io.coffer.source.MemberSelector;
import io.coffer.source.MemoryStreams;
import io.coffer.source.NodeAccess;
import io.coffer.source.RestoreNames;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs, faults, conflicts and groups on the machine's MariaDB. */
class MariaDbBehaviourTest {

  private final MyServer my = new MyServer();
  private final MariaDbDriver driver = new MariaDbDriver();
  private final MemoryStreams streams = new MemoryStreams();

  @AfterEach
  void cleanUp() throws Exception {
    my.close();
  }

  private String database(String suffix) throws Exception {
    String db = my.name(suffix);
    my.execute(null, "CREATE DATABASE `" + db + "`");
    my.execute(db,
        "CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL) ENGINE=InnoDB",
        "CREATE TABLE moves (id BIGINT AUTO_INCREMENT PRIMARY KEY, account INT, amount BIGINT,"
            + " FOREIGN KEY (account) REFERENCES accounts (id)) ENGINE=InnoDB",
        "INSERT INTO accounts SELECT seq, 1000 FROM seq_1_to_100",
        "INSERT INTO moves (account, amount) SELECT 1 + seq % 100, seq FROM seq_1_to_2000");
    my.execute(null, "CREATE USER IF NOT EXISTS '" + my.name("app") + "'@'%'",
        "GRANT SELECT ON `" + db + "`.* TO '" + my.name("app") + "'@'%'");
    return db;
  }

  private BackupReport backup(Kind kind, MemberSelector selector) throws IOException {
    return driver.backup(new BackupRequest(my.node(), selector, kind, 1), streams, SourceListener.NONE);
  }

  /**
   * A backup of {@code db} whose dump inserts into a table that does not exist, so its restore
   * fails after creating the database and the account (dropped here first).
   */
  private BackupReport backupThatFailsToLoad(String db) throws Exception {
    BackupReport report = backup(Kind.FULL, MemberSelector.one(db));
    my.execute(null, "DROP USER '" + my.name("app") + "'@'%'");
    String dump = new String(streams.bytes(db + "/dump.sql"), StandardCharsets.UTF_8);
    streams.put(db + "/dump.sql", dump.replace("INSERT INTO `moves`", "INSERT INTO `nonexistent`").getBytes(StandardCharsets.UTF_8));
    return report;
  }

  private static Reason reason(Throwable e) {
    return ((SourceException) e).reason();
  }

  @Test
  void unreachableNode_failsNamingTheNode() {
    NodeAccess node = NodeAccess.mariadb("127.0.0.1", 1, "root", CredentialReference.none());
    assertThatThrownBy(() -> driver.backup(new BackupRequest(node, MemberSelector.one("x"), Kind.FULL, 1), streams,
            SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNREACHABLE))
        .hasMessageContaining("127.0.0.1:1");
  }

  @Test
  void wrongPassword_failsWithAuthentication(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "wrong password\n");
    NodeAccess node = NodeAccess.mariadb(MyServer.HOST, MyServer.PORT, MyServer.ADMIN, CredentialReference.passwordFile(file));
    assertThatThrownBy(() -> driver.backup(new BackupRequest(node, MemberSelector.one("x"), Kind.FULL, 1), streams,
            SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.AUTHENTICATION))
        .hasMessageContaining("refused user root")
        .hasMessageNotContaining("wrong password");
  }

  @Test
  void missingDatabase_failsNamingIt() {
    assertThatThrownBy(() -> backup(Kind.FULL, MemberSelector.one(my.name("absent"))))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.NO_SUCH_DATABASE))
        .hasMessageContaining(my.name("absent"));
  }

  @Test
  void dumpKilledMidBackup_failsTheBackup() throws Exception {
    String db = database("big");
    my.execute(db, "CREATE TABLE blobs (id INT PRIMARY KEY, b LONGBLOB)",
        "INSERT INTO blobs SELECT seq, RANDOM_BYTES(1024) FROM seq_1_to_4000");
    AtomicInteger killed = new AtomicInteger();
    MemoryStreams sink = MemoryStreams.beforeEachWrite((name, b, off, len) -> {
      if (killed.get() == 0) {
        killed.addAndGet(Children.kill("mariadb-dump", "--single-transaction"));
      }
    });
    // --order-by-primary leaves the rows to mariadb-dump (MyRowReaderTest kills the connection that reads them otherwise).
    assertThatThrownBy(() -> driver.backup(
            new BackupRequest(my.node(), MemberSelector.one(db), Kind.FULL, 1, List.of("--order-by-primary")), sink,
            SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CHILD_FAILED))
        .hasMessageContaining("killed by signal 9");
    assertThat(killed.get()).isEqualTo(1);
    assertThat(Children.named("mariadb-dump")).isEmpty();
  }

  @Test
  void existingTarget_isRefused_renamedWithRenameExisting_replacedWithDropExisting() throws Exception {
    String db = database("app");
    BackupReport report = backup(Kind.FULL, MemberSelector.one(db));
    my.execute(db, "DELETE FROM moves");

    assertThatThrownBy(() -> driver.restore(report, RestoreRequest.to(my.node()), streams, SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TARGET_EXISTS))
        .hasMessageContaining("rename-existing or drop-existing");
    assertThat(my.strings(db, "SELECT COUNT(*) FROM moves")).containsExactly("0");

    RestoreReport renamed = driver.restore(report, RestoreRequest.to(my.node()).withConflict(ExistingPolicy.RENAME),
        streams, SourceListener.NONE);
    String old = renamed.plan().databases().get(0).renamedTo();
    assertThat(old).matches(db + "_\\d{8}T\\d{6}");
    assertThat(my.strings(old, "SELECT COUNT(*) FROM moves")).containsExactly("0");
    assertThat(my.strings(db, "SELECT COUNT(*) FROM moves")).containsExactly("2000");

    my.execute(db, "DROP TABLE moves");
    RestoreReport dropped = driver.restore(report, RestoreRequest.to(my.node()).withConflict(ExistingPolicy.DROP),
        streams, SourceListener.NONE);
    assertThat(dropped.plan().warnings()).anyMatch(w -> w.contains("dropped before the backup is loaded"));
    assertThat(ContentCheck.differences(report.members().get(0).tables(), driver.contents(my.node(), db))).isEmpty();
  }

  @Test
  void dryRun_reportsThePlanAndChangesNothing() throws Exception {
    String db = database("app");
    BackupReport report = backup(Kind.FULL, MemberSelector.one(db));
    Listener listener = new Listener();
    driver.restore(report, RestoreRequest.to(my.node()).withConflict(ExistingPolicy.DROP).withDryRun(), streams,
        listener);
    assertThat(listener.plans.get(0).render())
        .contains("drop existing database " + db)
        .contains("reuse existing role '" + my.name("app") + "'@'%'");
    assertThat(my.strings(db, "SELECT COUNT(*) FROM moves")).containsExactly("2000");
  }

  @Test
  void rolesFail_refusesWhenAnAccountExists_reuseWarns() throws Exception {
    String db = database("app");
    BackupReport report = backup(Kind.FULL, MemberSelector.one(db));
    String copy = my.name("copy");
    assertThatThrownBy(() -> driver.restore(report,
            RestoreRequest.to(my.node()).withTargetDatabase(copy).withRoles(RolePolicy.FAIL_ON_EXISTING), streams, SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.ROLE_EXISTS))
        .hasMessageContaining(my.name("app"));
    assertThat(my.databases()).containsExactly(db);

    Listener listener = new Listener();
    driver.restore(report, RestoreRequest.to(my.node()).withTargetDatabase(copy), streams, listener);
    assertThat(listener.warnings).anyMatch(w -> w.contains(my.name("app")) && w.contains("reused"));
    assertThat(my.strings(null, "SHOW GRANTS FOR '" + my.name("app") + "'@'%'"))
        .contains("GRANT SELECT ON `" + copy + "`.* TO `" + my.name("app") + "`@`%`");
  }

  @Test
  void backupFromANewerServer_isRefused() throws Exception {
    String db = database("app");
    BackupReport report = backup(Kind.FULL, MemberSelector.one(db));
    BackupReport newer = new BackupReport(report.layout(), report.engine(), report.kind(), report.node(), "11.9.2",
        report.toolVersion(), report.startedAt(), report.finishedAt(), report.consistency(), report.roles(),
        report.members(), report.streams());
    assertThatThrownBy(() -> driver.restore(newer, RestoreRequest.to(my.node()).withTargetDatabase(my.name("copy")),
            streams, SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.VERSION_TOO_NEW))
        .hasMessageContaining("MariaDB 11.9.2")
        .hasMessageContaining("version 11.9 or later");
  }

  @Test
  void failedRestore_dropsWhatItCreated_andSaysSo() throws Exception {
    String db = database("app");
    BackupReport report = backupThatFailsToLoad(db);
    String copy = my.name("copy");

    assertThatThrownBy(() -> driver.restore(report, RestoreRequest.to(my.node()).withTargetDatabase(copy), streams,
            SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CHILD_FAILED))
        .hasMessageContaining("nonexistent")
        .hasMessageContaining("dropped databases [" + copy + "]")
        .hasMessageContaining("'" + my.name("app") + "'@'%'");
    assertThat(my.databases()).containsExactly(db);
    assertThat(my.accounts()).isEmpty();
  }

  @Test
  void failedRenameExistingRestore_putsTheOriginalBack_andSaysSo() throws Exception {
    String db = database("app");
    BackupReport report = backupThatFailsToLoad(db);
    my.execute(db, "DELETE FROM moves WHERE id > 100");

    Throwable failure = catchThrowable(() -> driver.restore(report,
        RestoreRequest.to(my.node()).withConflict(ExistingPolicy.RENAME), streams, SourceListener.NONE));

    assertThat(failure).hasMessageContaining("nonexistent").hasMessageContaining("put the existing " + db + " back");
    assertThat(my.databases()).as("no copy of the original is left").containsExactly(db);
    assertThat(my.strings(db, "SELECT COUNT(*) FROM moves")).containsExactly("100");
    assertThat(my.strings(db, "SELECT COUNT(*) FROM accounts")).containsExactly("100");
    assertThat(my.accounts()).isEmpty();
  }

  @Test
  void failedRestore_withKeepFailed_saysHowToDropWhatItKept_inACommandThatRuns() throws Exception {
    String db = database("app");
    BackupReport report = backupThatFailsToLoad(db);
    String copy = my.name("copy");

    Throwable failure = catchThrowable(() -> driver.restore(report,
        RestoreRequest.to(my.node()).withTargetDatabase(copy).withKeepFailed(), streams, SourceListener.NONE));

    assertThat(failure).hasMessageContaining("kept databases [" + copy + "]");
    assertThat(my.databases()).containsExactly(db, copy);
    String command = failure.getMessage().replaceAll("(?s).*to drop them: ", "");
    assertThat(command).startsWith("mariadb -h 127.0.0.1 -P 3306 -u root -e 'DROP DATABASE `" + copy + "`; DROP USER");
    Process drop = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String output = new String(drop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(drop.waitFor()).as(output).isZero();
    assertThat(my.databases()).containsExactly(db);
    assertThat(my.accounts()).isEmpty();
  }

  @Test
  void aSessionOnTheTarget_refusesRenameAndDrop_unlessTerminateConnectionsEndsIt() throws Exception {
    String db = database("app");
    BackupReport report = backup(Kind.FULL, MemberSelector.one(db));
    my.execute(db, "DELETE FROM moves");
    try (Connection session = my.connect(db); Statement s = session.createStatement()) {
      s.execute("SELECT COUNT(*) FROM moves");
      long id = Long.parseLong(my.strings(db, "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + db
          + "' AND ID <> CONNECTION_ID()").get(0));
      for (ExistingPolicy policy : List.of(ExistingPolicy.RENAME, ExistingPolicy.DROP)) {
        assertThatThrownBy(() -> driver.restore(report, RestoreRequest.to(my.node()).withTargetName("my1")
                .withConflict(policy), streams, SourceListener.NONE))
            .isInstanceOfSatisfying(TargetException.class, e -> {
              assertThat(e.reason()).isEqualTo(Reason.TARGET_IN_USE);
              assertThat(e.database()).isEqualTo(db);
              assertThat(e.sessions()).extracting(ClientSession::pid).containsExactly(id);
            })
            .hasMessageContaining("database " + db + " on my1 cannot be")
            .hasMessageContaining("pid " + id + " (user root, from 127.0.0.1:");
      }
      assertThat(my.databases()).containsExactly(db);
      assertThat(my.strings(db, "SELECT COUNT(*) FROM moves")).containsExactly("0");

      RestoreReport restored = driver.restore(report, RestoreRequest.to(my.node())
          .withConflict(ExistingPolicy.DROP).withTerminateConnections(), streams, SourceListener.NONE);

      assertThat(restored.plan().databases().get(0).holders()).extracting(ClientSession::pid).containsExactly(id);
      assertThat(restored.warnings()).anyMatch(w -> w.startsWith("ended 1 session(s) on " + db) && w.contains("pid " + id));
      assertThat(session.isValid(2)).as("the session was ended").isFalse();
    }
    assertThat(my.strings(db, "SELECT COUNT(*) FROM moves")).containsExactly("2000");
  }

  @Test
  void schemaThenData_loadIntoTheSchema_andDataRefusesNonEmptyTables() throws Exception {
    String db = database("app");
    BackupReport schema = backup(Kind.SCHEMA, MemberSelector.one(db));
    MemoryStreams dataStreams = new MemoryStreams();
    BackupReport data = driver.backup(new BackupRequest(my.node(), MemberSelector.one(db), Kind.DATA, 1), dataStreams,
        SourceListener.NONE);
    String copy = my.name("copy");
    driver.restore(schema, RestoreRequest.to(my.node()).withTargetDatabase(copy), streams, SourceListener.NONE);
    assertThat(my.strings(copy, "SELECT COUNT(*) FROM moves")).containsExactly("0");

    driver.restore(data, RestoreRequest.to(my.node()).withTargetDatabase(copy), dataStreams, SourceListener.NONE);

    assertThat(ContentCheck.differences(data.members().get(0).tables(), driver.contents(my.node(), copy))).isEmpty();
    assertThatThrownBy(() -> driver.restore(data, RestoreRequest.to(my.node()).withTargetDatabase(copy), dataStreams,
            SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TARGET_EXISTS))
        .hasMessageContaining("has rows");
  }

  @Test
  void group_isOneTransactionAcrossDatabases_andRestoresUnderTimestampedNames() throws Exception {
    String bank = database("grp_bank");
    String ledger = my.name("grp_ledger");
    my.execute(null, "CREATE DATABASE `" + ledger + "`");
    my.execute(ledger, "CREATE TABLE entries (id BIGINT AUTO_INCREMENT PRIMARY KEY, account INT, amount BIGINT) ENGINE=InnoDB");
    String other = database("other");
    BackupReport report;
    // One transaction spans both databases: a consistent group sees all of it or none.
    try (ConcurrentWriter writer = ConcurrentWriter.start(() -> my.connect(null), 7, (s, random) -> {
      int from = 1 + random.nextInt(100);
      int to = 1 + random.nextInt(100);
      s.execute("START TRANSACTION");
      s.execute("UPDATE `" + bank + "`.accounts SET balance = balance - 3 WHERE id = " + from);
      s.execute("UPDATE `" + bank + "`.accounts SET balance = balance + 3 WHERE id = " + to);
      s.execute("INSERT INTO `" + ledger + "`.entries (account, amount) VALUES (" + from + ", -3), (" + to + ", 3)");
      s.execute("COMMIT");
    })) {
      writer.awaitCommits(20);
      report = backup(Kind.FULL, MemberSelector.pattern(my.prefix + "_grp_*", List.of()));
    }
    assertThat(report.members()).extracting(m -> m.database()).containsExactly(bank, ledger);

    Listener listener = new Listener();
    driver.restore(report, RestoreRequest.to(my.node()).withTimestamped(), streams, listener);

    String stamp = RestoreNames.timestamp(report.startedAt());
    assertThat(listener.plans.get(0).extraDatabases()).contains(bank, ledger, other);
    assertThat(my.strings(null, "SELECT COUNT(*) FROM `" + ledger + "_" + stamp + "`.entries")).isNotEqualTo(List.of("0"));
    assertThat(my.strings(null, "SELECT COUNT(*) FROM `" + bank + "_" + stamp + "`.accounts a WHERE balance <> 1000 + "
        + "COALESCE((SELECT SUM(amount) FROM `" + ledger + "_" + stamp + "`.entries e WHERE e.account = a.id), 0)"))
        .as("both databases were dumped in one transaction")
        .containsExactly("0");
  }
}
