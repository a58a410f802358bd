package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.CredentialReference;
import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.Children;
import io.coffer.source.FaultySink;
import io.coffer.source.MemberSelector;
import io.coffer.source.MemoryStreams;
import io.coffer.source.NodeAccess;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.testing.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups that must fail, each with a clear reason, leaving no child process or session behind. */
class PostgresFaultTest {

  private final PgServer pg = new PgServer();
  private final PostgresDriver driver = new PostgresDriver();

  @AfterEach
  void cleanUp() throws Exception {
    pg.close();
  }

  private BackupReport backup(NodeAccess node, String db) throws IOException {
    return driver.backup(new BackupRequest(node, MemberSelector.one(db), Kind.FULL, 2), new MemoryStreams(), SourceListener.NONE);
  }

  /** A database with three tables and a 3 MB large object (6 MB of dump output). */
  private String database() throws Exception {
    String db = pg.name("faults");
    pg.execute("postgres", "CREATE DATABASE " + db);
    pg.execute(db,
        "CREATE TABLE a AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 20000) g",
        "CREATE TABLE b AS SELECT g AS id, repeat('x', 200) AS v FROM generate_series(1, 5000) g",
        "CREATE TABLE c (id int)",
        "SELECT lo_from_bytea(0, decode(repeat('0123456789abcdef', 375000), 'hex'))");
    return db;
  }

  /** Something a test does when the backup starts writing the roles (globals.json). */
  private interface BeforeRoles {
    void run() throws IOException;
  }

  /** A sink that runs {@code action} as the backup opens its roles' stream, before writing them. */
  private static MemoryStreams beforeRoles(BeforeRoles action) {
    return new MemoryStreams() {
      @Override
      public OutputStream create(String name) throws IOException {
        if (name.equals("globals.json")) {
          action.run();
        }
        return super.create(name);
      }
    };
  }

  private void assertNothingLeftBehind(String db) throws Exception {
    assertThat(Children.named("pg_dump")).isEmpty();
    // A closed connection's backend ends a moment later: wait for the server to say so.
    Await.until("sessions of the failed backup to end", () -> pg.strings("postgres",
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'coffer' AND datname = '" + db + "'").isEmpty());
  }

  /** The backup fails naming the one pg_dump run killed, and leaves no child or session behind. */
  private void assertFailedByTheKilledChild(String db, MemoryStreams sink, String what, AtomicInteger killed)
      throws Exception {
    assertThatThrownBy(() -> driver.backup(
            new BackupRequest(pg.node(), MemberSelector.one(db), Kind.FULL, 2), sink, SourceListener.NONE))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CHILD_FAILED))
        .hasMessageContaining("pg_dump " + what + " of " + db)
        .hasMessageContaining("killed by signal 9");
    assertThat(killed.get()).isEqualTo(1);
    assertNothingLeftBehind(db);
  }

  @Test
  void unreachableNode_failsNamingTheNode() {
    NodeAccess node = NodeAccess.postgresql("127.0.0.1", 1, "postgres", CredentialReference.none());
    assertThatThrownBy(() -> backup(node, "postgres"))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessageContaining("127.0.0.1:1");
  }

  @Test
  void unknownUser_failsWithAuthentication() {
    NodeAccess node = NodeAccess.postgresql(PgServer.HOST, PgServer.PORT, pg.name("nobody"), CredentialReference.none());
    assertThatThrownBy(() -> backup(node, "postgres"))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION))
        .hasMessageContaining(pg.name("nobody"));
  }

  @Test
  void missingPasswordFile_failsNamingTheFileWithoutConnecting(@TempDir Path dir) {
    Path missing = dir.resolve("pw");
    NodeAccess node = NodeAccess.postgresql(PgServer.HOST, PgServer.PORT, PgServer.ADMIN, CredentialReference.passwordFile(missing));
    assertThatThrownBy(() -> backup(node, "postgres"))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CREDENTIAL))
        .hasMessageContaining(missing.toString());
  }

  @Test
  void passwordFromAFile_reachesJdbcAndChildrenWithoutAppearingInArguments(@TempDir Path dir) throws Exception {
    String db = database();
    Path file = dir.resolve("pw");
    Files.writeString(file, "not-really-needed-with-trust\n");
    NodeAccess node = NodeAccess.postgresql(PgServer.HOST, PgServer.PORT, PgServer.ADMIN, CredentialReference.passwordFile(file));
    MemoryStreams sink = new MemoryStreams() {
      @Override
      public OutputStream create(String name) throws IOException {
        for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
          String args = String.join(" ", p.info().arguments().orElse(new String[0]));
          assertThat(args).doesNotContain("not-really-needed");
        }
        return super.create(name);
      }
    };
    driver.backup(new BackupRequest(node, MemberSelector.one(db), Kind.FULL, 2), sink, SourceListener.NONE);
    assertThat(sink.names()).isNotEmpty();
    try (var tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(tmp.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.startsWith("coffer-pgpass-"));
    }
  }

  @Test
  void missingDatabase_failsNamingIt() {
    assertThatThrownBy(() -> backup(pg.node(), pg.name("absent")))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_DATABASE))
        .hasMessageContaining(pg.name("absent"))
        .hasMessageContaining("127.0.0.1:5432");
  }

  @Test
  void namedDatabaseMissing_afterOneThatExists_failsNamingIt_andClosesTheSnapshotAlreadyExported() throws Exception {
    String db = database();
    String absent = pg.name("absent");
    assertThatThrownBy(() -> driver.backup(new BackupRequest(pg.node(), MemberSelector.list(List.of(db, absent)),
            Kind.FULL, 2), new MemoryStreams(), SourceListener.NONE))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_DATABASE))
        .hasMessageContaining("database '" + absent + "' does not exist")
        .hasMessageContaining("127.0.0.1:5432");
    assertNothingLeftBehind(db);
  }

  @Test
  void pgDumpKilledMidBackup_failsTheBackup_andStopsEverythingElse() throws Exception {
    String db = database();
    AtomicInteger killed = new AtomicInteger();
    MemoryStreams sink = MemoryStreams.beforeEachWrite((name, b, off, len) -> {
      if (name.endsWith("/large-objects.sql") && killed.get() == 0) {
        killed.addAndGet(Children.kill("pg_dump", "--data-only"));
      }
    });
    assertFailedByTheKilledChild(db, sink, "large objects", killed);
  }

  @Test
  void schemaDumpKilled_whileTheLeaderWorks_failsTheBackupNamingIt_andStopsEverythingElse() throws Exception {
    String db = database();
    // A megabyte of comment in the schema: when its first bytes reach the sink, the pre-data pg_dump
    // is still writing the rest into a full pipe, so it is running when it is killed. (Killing it when
    // the roles are written raced with its end once the leader read the roles after the tables.)
    pg.execute(db, "DO $$ BEGIN EXECUTE format('COMMENT ON TABLE a IS %L', repeat('x', 1000000)); END $$");
    AtomicInteger killed = new AtomicInteger();
    MemoryStreams sink = MemoryStreams.beforeEachWrite((name, b, off, len) -> {
      if (name.endsWith("/pre-data.sql") && killed.get() == 0) {
        killed.addAndGet(Children.kill("pg_dump", "--section=pre-data"));
      }
    });
    assertFailedByTheKilledChild(db, sink, "pre-data", killed);
  }

  @Test
  void rolesCannotBeWritten_afterTheSchemaDumpsStarted_failsTheBackup_andStopsThem() throws Exception {
    String db = database();
    MemoryStreams sink = beforeRoles(() -> {
      throw new IOException("No space left on device (globals.json)");
    });
    assertThatThrownBy(() -> driver.backup(
            new BackupRequest(pg.node(), MemberSelector.one(db), Kind.FULL, 2), sink, SourceListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("globals.json");
    assertNothingLeftBehind(db);
  }

  @Test
  void theLeaderStartsTheCopiesAndWritesItsOwnStreams_beforeItReadsTheRoles() throws Exception {
    String db = database();
    List<String> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> beforeRoles = new ArrayList<>();
    MemoryStreams sink = new MemoryStreams() {
      @Override
      public OutputStream create(String name) throws IOException {
        if (name.equals("globals.json")) {
          beforeRoles.addAll(opened);
        }
        opened.add(name);
        return super.create(name);
      }
    };
    BackupReport report = driver.backup(new BackupRequest(pg.node(), MemberSelector.one(db), Kind.FULL, 2), sink,
        SourceListener.NONE);
    // The leader lists and locks the tables, starts their copies and writes the database's properties
    // and sequences; only then does it read the roles, while the tables are copied.
    assertThat(beforeRoles).contains(db + "/database.json", db + "/sequences.sql", db + "/large-objects.sql");
    assertThat(report.members().get(0).tables()).hasSize(3);
    assertNothingLeftBehind(db);
  }

  @Test
  void sinkFailsLikeAFullDisk_failsTheBackup_andStopsEverythingElse() throws Exception {
    String db = database();
    assertThatThrownBy(() -> driver.backup(
            new BackupRequest(pg.node(), MemberSelector.one(db), Kind.FULL, 3), FaultySink.failingAfter(200_000), SourceListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No space left on device");
    assertNothingLeftBehind(db);
  }

  @Test
  void noFittingPgDump_failsListingWhatWasFound(@TempDir Path dir) throws Exception {
    for (String tool : List.of("pg_dump", "psql")) {
      Path script = dir.resolve(tool);
      Files.writeString(script, "#!/bin/sh\necho '" + tool + " (PostgreSQL) 9.6.24'\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    PostgresDriver old = new PostgresDriver(List.of(dir));
    assertThatThrownBy(() -> old.backup(
            new BackupRequest(pg.node(), MemberSelector.one("postgres"), Kind.SCHEMA, 1), new MemoryStreams(), SourceListener.NONE))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOOL_NOT_FOUND))
        .hasMessageContaining("major version >= 15")
        .hasMessageContaining("9.6.24 in " + dir);
  }
}
