package io.coffer.source.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.ConcurrentWriter;
import io.coffer.source.ContentCheck;
import io.coffer.source.Listener;
import io.coffer.source.MemberSelector;
import io.coffer.source.MemoryStreams;
import io.coffer.source.NodeAccess;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceJson;
import io.coffer.source.SourceListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDriverTest {

  @TempDir Path dir;

  // Copies go to a directory of this test's own, so the leftover check sees no other process's files.
  @TempDir Path copies;
  private SqliteDriver driver;

  @org.junit.jupiter.api.BeforeEach
  void driverWithItsOwnTemporaryDirectory() {
    driver = new SqliteDriver(copies);
  }

  private NodeAccess node() {
    return NodeAccess.sqlite(dir);
  }

  private void create(String file, boolean wal) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(file));
        Statement s = c.createStatement()) {
      if (wal) {
        s.execute("PRAGMA journal_mode=WAL");
      }
      s.execute("CREATE TABLE orders(id INTEGER PRIMARY KEY, customer TEXT, total REAL, note BLOB)");
      s.execute("CREATE TABLE lines(order_id INTEGER, n INTEGER)");
      s.execute("CREATE TABLE \"ünïcødé tåble\"(\"naïve\" TEXT)");
      s.execute("INSERT INTO \"ünïcødé tåble\" VALUES ('日本語 ✓'), (NULL)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO orders(customer, total, note) VALUES (?, ?, ?)")) {
        for (int i = 0; i < 500; i++) {
          p.setString(1, "customer " + i);
          p.setDouble(2, i * 1.25);
          p.setBytes(3, new byte[] {(byte) i, 0, (byte) 0xff});
          p.executeUpdate();
        }
      }
    }
  }

  private final Listener backupListener = new Listener();

  private BackupReport backup(String database) throws Exception {
    return driver.backup(
        new BackupRequest(node(), MemberSelector.one(database), Kind.FULL, 1),
        streams,
        backupListener);
  }

  private final MemoryStreams streams = new MemoryStreams();

  @Test
  void roundTrip_restoresAnEqualDatabaseUnderAnotherName() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");

    assertThat(report.members()).singleElement().satisfies(m -> {
      assertThat(m.streams()).containsExactly("app.db/database.sqlite");
      assertThat(m.tables()).extracting(t -> t.table() + "=" + t.rows())
          .containsExactly("lines=0", "orders=500", "ünïcødé tåble=2");
    });
    assertThat(report.streams()).singleElement().satisfies(s -> assertThat(s.bytes()).isPositive());
    assertThat(backupListener.expected).containsExactly(Files.size(dir.resolve("app.db")));

    RestoreReport restored =
        driver.restore(report, RestoreRequest.to(node()).withTargetDatabase("copy.db"), streams, SourceListener.NONE);

    assertThat(restored.databases()).containsExactly("copy.db");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("app.db", "copy.db");
    }
    assertThat(ContentCheck.differences(driver.contents(node(), "app.db"), driver.contents(node(), "copy.db")))
        .isEmpty();
  }

  @Test
  void backup_whileAnotherConnectionWrites_capturesOneConsistentInstant() throws Exception {
    create("busy.db", true);
    BackupReport report;
    // Each transaction adds one order and one line: a consistent image has equal counts.
    try (ConcurrentWriter writer = ConcurrentWriter.start(() -> {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("busy.db"));
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=10000");
      }
      return c;
    }, 1, (s, random) -> {
      s.execute("BEGIN IMMEDIATE");
      s.execute("INSERT INTO orders(customer, total) VALUES ('w', 1)");
      s.execute("INSERT INTO lines VALUES (last_insert_rowid(), 1)");
      s.execute("COMMIT");
    })) {
      writer.awaitCommits(50);
      report = backup("busy.db");
      try (var temp = Files.list(copies)) {
        assertThat(temp.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("coffer-sqlite-"));
      }
    }

    driver.restore(report, RestoreRequest.to(node()).withTargetDatabase("busy-copy.db"), streams, SourceListener.NONE);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("busy-copy.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM orders) - 500, (SELECT count(*) FROM lines)")) {
      r.next();
      assertThat(r.getLong(1)).isEqualTo(r.getLong(2)).isPositive();
    }
  }

  @Test
  void group_capturesEveryFileOfTheDirectory_andListsExtraFilesOnRestore() throws Exception {
    create("a.db", false);
    create("b.db", true);
    Files.writeString(dir.resolve("notes.txt"), "not a database");
    BackupReport report = driver.backup(new BackupRequest(node(), null, Kind.CLUSTER, 1), streams, SourceListener.NONE);
    assertThat(report.members()).extracting(m -> m.database()).containsExactly("a.db", "b.db");

    create("c.db", false);
    Files.delete(dir.resolve("a.db"));
    Listener listener = new Listener();
    driver.restore(report, RestoreRequest.to(node()).withTimestamped(), streams, listener);

    assertThat(listener.plans.get(0).extraDatabases()).containsExactly("b.db", "c.db");
    String stamp = io.coffer.source.RestoreNames.timestamp(report.startedAt());
    assertThat(dir.resolve("a_" + stamp + ".db")).exists();
    assertThat(dir.resolve("b_" + stamp + ".db")).exists();
  }

  @Test
  void restore_overAnExistingFile_isRefusedWithoutAConflictPolicy() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");
    byte[] before = Files.readAllBytes(dir.resolve("app.db"));

    assertThatThrownBy(() -> driver.restore(report, RestoreRequest.to(node()), streams, SourceListener.NONE))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_EXISTS))
        .hasMessageContaining(dir.resolve("app.db").toString())
        .hasMessageContaining("rename-existing");
    assertThat(Files.readAllBytes(dir.resolve("app.db"))).isEqualTo(before);
  }

  @Test
  void restore_renameExisting_keepsTheOldFileUnderATimestampedName() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM orders");
    }

    RestoreReport restored = driver.restore(
        report, RestoreRequest.to(node()).withConflict(ExistingPolicy.RENAME), streams, SourceListener.NONE);

    String renamed = restored.plan().databases().get(0).renamedTo();
    assertThat(renamed).matches("app_\\d{8}T\\d{6}\\.db");
    assertThat(driver.contents(node(), renamed)).filteredOn(t -> t.table().equals("orders"))
        .singleElement().satisfies(t -> assertThat(t.rows()).isZero());
    assertThat(driver.contents(node(), "app.db")).filteredOn(t -> t.table().equals("orders"))
        .singleElement().satisfies(t -> assertThat(t.rows()).isEqualTo(500));
  }

  @Test
  void restore_dropExisting_replacesTheFile() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE orders");
    }
    driver.restore(report, RestoreRequest.to(node()).withConflict(ExistingPolicy.DROP), streams, SourceListener.NONE);
    assertThat(ContentCheck.differences(report.members().get(0).tables(), driver.contents(node(), "app.db"))).isEmpty();
    assertThat(dir).isDirectoryNotContaining("glob:**/app_*");
  }

  @Test
  void dryRun_printsThePlanAndChangesNothing() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");
    Listener listener = new Listener();
    RestoreReport result = driver.restore(
        report, RestoreRequest.to(node()).withConflict(ExistingPolicy.DROP).withDryRun(), streams, listener);

    assertThat(result.dryRun()).isTrue();
    assertThat(listener.plans).singleElement().satisfies(p ->
        assertThat(p.render()).contains("drop existing database app.db").contains("create database app.db from app.db"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("app.db");
    }
  }

  @Test
  void damagedStream_failsVerification_andLeavesNoFileBehind() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");
    byte[] image = streams.bytes("app.db/database.sqlite");
    // Flip a byte inside the last page, where row data lives.
    image[image.length - 100] ^= 0x5a;
    streams.put("app.db/database.sqlite", image);

    assertThatThrownBy(() -> driver.restore(report, RestoreRequest.to(node()).withTargetDatabase("copy.db"), streams, SourceListener.NONE))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.VERIFY_FAILED))
        .hasMessageContaining("deleted the staging files");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("app.db");
    }
  }

  @Test
  void aTargetThatCannotBePutInPlace_afterStaging_deletesTheStagingFile_andSaysSo() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");
    // Something creates a side file of the target's name while the backup is being staged: the
    // staged file cannot be moved in without clobbering it.
    SourceListener intruder = new SourceListener() {
      @Override
      public void info(String message) {
        try {
          Files.writeString(dir.resolve("copy.db-journal"), "not ours");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };

    assertThatThrownBy(() -> driver.restore(report, RestoreRequest.to(node()).withTargetDatabase("copy.db"), streams,
            intruder))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_EXISTS))
        .hasMessageContaining("could not put " + dir.resolve("copy.db") + " in place")
        .hasMessageContaining("deleted the staging files [" + dir.resolve(".copy.db.coffer-restore-"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("app.db", "copy.db-journal");
    }
  }

  @Test
  void aStagingFileOfTheSameName_isNeverTakenOver() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");
    RestoreRequest request = RestoreRequest.to(node()).withTargetDatabase("copy.db").withRun("run1");
    Files.writeString(dir.resolve(".copy.db.coffer-restore-run1"), "someone else's");

    assertThatThrownBy(() -> driver.restore(report, request, streams, SourceListener.NONE))
        .hasMessageContaining("staging file " + dir.resolve(".copy.db.coffer-restore-run1") + " exists");
    assertThat(Files.readString(dir.resolve(".copy.db.coffer-restore-run1"))).isEqualTo("someone else's");
  }

  @Test
  void backupOfAFileThatIsNotADatabase_namesTheFile() throws Exception {
    Files.writeString(dir.resolve("readme.db"), "hello, I am text");
    assertThatThrownBy(() -> backup("readme.db"))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_DATABASE))
        .hasMessageContaining(dir.resolve("readme.db").toString())
        .hasMessageContaining("not a SQLite database");
  }

  @Test
  void backupOfAMissingFile_namesTheFile() {
    assertThatThrownBy(() -> backup("missing.db"))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_DATABASE))
        .hasMessageContaining("missing.db");
  }

  @Test
  void schemaKind_isRejectedWithTheAcceptedKinds() throws Exception {
    create("app.db", false);
    assertThatThrownBy(() -> driver.backup(
            new BackupRequest(node(), MemberSelector.one("app.db"), Kind.SCHEMA, 1), streams, SourceListener.NONE))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST))
        .hasMessageContaining("[CLUSTER, FULL]");
  }

  @Test
  void backupFromANewerSqlite_isRefused() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");
    BackupReport newer = new BackupReport(report.layout(), report.engine(), report.kind(), report.node(), "99.1.0",
        report.toolVersion(), report.startedAt(), report.finishedAt(), report.consistency(), report.roles(),
        report.members(), report.streams());
    assertThatThrownBy(() -> driver.restore(newer, RestoreRequest.to(node()).withTargetDatabase("x.db"), streams, SourceListener.NONE))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.VERSION_TOO_NEW))
        .hasMessageContaining("99.1.0");
  }

  @Test
  void report_roundTripsThroughJson() throws Exception {
    create("app.db", false);
    BackupReport report = backup("app.db");
    String json = SourceJson.mapper().writeValueAsString(report);
    assertThat(json).contains("\"engine\":\"sqlite\"").contains("\"kind\":\"FULL\"");
    assertThat(SourceJson.mapper().readValue(json, BackupReport.class)).isEqualTo(report);
  }

  @Test
  void databases_listsOnlySqliteFiles() throws Exception {
    create("a.db", false);
    Files.writeString(dir.resolve("b.txt"), "x");
    assertThat(driver.databases(node())).isEqualTo(List.of("a.db"));
  }
}
