package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.model.RolePolicy;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.ConcurrentWriter;
import io.coffer.source.ContentCheck;
import io.coffer.source.Listener;
import io.coffer.source.MemberReport;
import io.coffer.source.MemberSelector;
import io.coffer.source.MemoryStreams;
import io.coffer.source.RestoreNames;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.TableReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores that must never trample what exists, and that clean up after themselves. */
class PostgresRestoreTest {

  private final PgServer pg = new PgServer();
  private final PostgresDriver driver = new PostgresDriver();
  private final MemoryStreams streams = new MemoryStreams();

  @AfterEach
  void cleanUp() throws Exception {
    pg.close();
  }

  /** A small database owned by a role of its own, with a foreign key and an index. */
  private String database(String suffix) throws Exception {
    String db = pg.name(suffix);
    String owner = pg.name("owner");
    if (!pg.roleExists(owner)) {
      pg.execute("postgres", "CREATE ROLE " + owner + " LOGIN");
    }
    pg.execute("postgres", "CREATE DATABASE " + db + " OWNER " + owner);
    pg.execute(db,
        "SET ROLE " + owner,
        "CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL)",
        "CREATE TABLE moves (id bigserial PRIMARY KEY, account int REFERENCES accounts, amount bigint)",
        "CREATE INDEX moves_account ON moves (account)",
        // bytea and built-in types only: its rows travel in binary COPY
        "CREATE TABLE receipts (move bigint PRIMARY KEY, scan bytea NOT NULL, at timestamptz)",
        "INSERT INTO accounts SELECT g, 1000 FROM generate_series(1, 100) g",
        "INSERT INTO moves (account, amount) SELECT 1 + g % 100, g FROM generate_series(1, 5000) g",
        "INSERT INTO receipts SELECT g, sha256(int8send(g)), timestamptz '2024-01-01 00:00+00' + g * interval '1 hour'"
            + " FROM generate_series(1, 5000, 3) g");
    return db;
  }

  private BackupReport backup(Kind kind, MemberSelector selector) throws Exception {
    return driver.backup(new BackupRequest(pg.node(), selector, kind, 2), streams, SourceListener.NONE);
  }

  private BackupReport backup(String db) throws Exception {
    return backup(Kind.FULL, MemberSelector.one(db));
  }

  /** The restored database against the member's recorded tables, each read in its recorded form. */
  private List<String> differences(MemberReport member, String database) throws Exception {
    return ContentCheck.differences(member.tables(), driver.contents(pg.node(), database, member.tables()));
  }

  private static SourceException.Reason reason(Throwable e) {
    return ((SourceException) e).reason();
  }

  @Test
  void existingTarget_isRefusedWithoutAConflictPolicy_andLeftUntouched() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    pg.execute(db, "DELETE FROM moves");

    assertThatThrownBy(() -> driver.restore(report, RestoreRequest.to(pg.node()), streams, SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TARGET_EXISTS))
        .hasMessageContaining("target database " + db + " exists")
        .hasMessageContaining("rename-existing or drop-existing");
    assertThat(pg.strings(db, "SELECT count(*) FROM moves")).containsExactly("0");
    assertThat(pg.databases()).containsExactly(db);
  }

  @Test
  void renameExisting_keepsTheOldDatabaseUnderATimestampedName() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    pg.execute(db, "DELETE FROM moves");

    RestoreReport restored = driver.restore(report,
        RestoreRequest.to(pg.node()).withConflict(ExistingPolicy.RENAME), streams, SourceListener.NONE);

    String renamed = restored.plan().databases().get(0).renamedTo();
    assertThat(renamed).matches(db + "_\\d{8}T\\d{6}");
    assertThat(pg.strings(renamed, "SELECT count(*) FROM moves")).containsExactly("0");
    assertThat(pg.strings(db, "SELECT count(*) FROM moves")).containsExactly("5000");
    assertThat(pg.strings("postgres", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" + db + "'"))
        .as("the restored database keeps its owner (PgBackMan #43)")
        .containsExactly(pg.name("owner"));
  }

  @Test
  void dropExisting_replacesTheDatabase() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    pg.execute(db, "DROP TABLE moves");

    driver.restore(report, RestoreRequest.to(pg.node()).withConflict(ExistingPolicy.DROP).withJobs(2),
        streams, SourceListener.NONE);

    assertThat(differences(report.members().get(0), db)).isEmpty();
    assertThat(pg.databases()).containsExactly(db);
  }

  @Test
  void aDatabaseWithoutLargeObjects_skipsTheirPgDump_andStillRestores_whileOneWithThemDumpsThem() throws Exception {
    String db = database("app");
    String largeObjects = PgLayout.largeObjects(db);
    BackupReport without = backup(db);
    assertThat(streams.bytes(largeObjects)).as("no pg_dump output, only the note").isEqualTo(PgMemberDump.NO_LARGE_OBJECTS);
    assertThat(without.members().get(0).streams()).contains(largeObjects);

    driver.restore(without, RestoreRequest.to(pg.node()).withTargetDatabase(pg.name("copy")), streams,
        SourceListener.NONE);
    assertThat(differences(without.members().get(0), pg.name("copy")))
        .isEmpty();

    pg.execute(db, "SELECT lo_from_bytea(4242, '\\x00010203'::bytea)");
    MemoryStreams again = new MemoryStreams();
    BackupReport with = driver.backup(new BackupRequest(pg.node(), MemberSelector.one(db), Kind.FULL, 2), again,
        SourceListener.NONE);
    assertThat(new String(again.bytes(largeObjects), StandardCharsets.UTF_8)).contains("lo_create('4242')");
    driver.restore(with, RestoreRequest.to(pg.node()).withTargetDatabase(pg.name("copy2")), again,
        SourceListener.NONE);
    assertThat(pg.strings(pg.name("copy2"), "SELECT encode(lo_get(4242), 'hex')")).containsExactly("00010203");
  }

  @Test
  void dryRun_reportsThePlanAndChangesNothing() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    Listener listener = new Listener();

    RestoreReport result = driver.restore(report,
        RestoreRequest.to(pg.node()).withConflict(ExistingPolicy.RENAME).withDryRun(), streams, listener);

    assertThat(result.dryRun()).isTrue();
    assertThat(listener.plans.get(0).render())
        .contains("rename existing database " + db + " to " + db + "_")
        .contains("create database " + db + " from " + db)
        .contains("reuse existing role " + pg.name("owner"));
    assertThat(pg.databases()).containsExactly(db);
  }

  @Test
  void existingRoles_areReusedWithAWarning_orRefusedWithRolesFail() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    assertThat(report.roles()).containsExactly(pg.name("owner"));

    assertThatThrownBy(() -> driver.restore(report,
            RestoreRequest.to(pg.node()).withTargetDatabase(pg.name("copy")).withRoles(RolePolicy.FAIL_ON_EXISTING), streams,
            SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.ROLE_EXISTS))
        .hasMessageContaining(pg.name("owner"));
    assertThat(pg.databases()).containsExactly(db);

    Listener listener = new Listener();
    RestoreReport restored = driver.restore(report,
        RestoreRequest.to(pg.node()).withTargetDatabase(pg.name("copy")), streams, listener);
    assertThat(restored.rolesCreated()).isEmpty();
    assertThat(listener.warnings).anyMatch(w -> w.contains(pg.name("owner")) && w.contains("reused"));
  }

  @Test
  void backupFromANewerMajorVersion_isRefused() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    BackupReport newer = new BackupReport(report.layout(), report.engine(), report.kind(), report.node(), "99.1",
        report.toolVersion(), report.startedAt(), report.finishedAt(), report.consistency(), report.roles(),
        report.members(), report.streams());

    assertThatThrownBy(() -> driver.restore(newer,
            RestoreRequest.to(pg.node()).withTargetDatabase(pg.name("copy")), streams, SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.VERSION_TOO_NEW))
        .hasMessageContaining("PostgreSQL 99.1")
        .hasMessageContaining("version 99 or later");
    assertThat(pg.databases()).containsExactly(db);
  }

  @Test
  void failedRestore_dropsItsStagingDatabaseAndCreatedRoles_andSaysSo() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    pg.execute("postgres", "DROP DATABASE " + db, "DROP ROLE " + pg.name("owner"));
    String stream = report.members().get(0).tables().stream()
        .filter(t -> t.table().equals("moves")).findFirst().orElseThrow().stream();
    streams.put(stream, "1\tnot a number\t3\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> driver.restore(report, RestoreRequest.to(pg.node()), streams, SourceListener.NONE))
        .hasMessageContaining("invalid input syntax")
        .hasMessageContaining("dropped staging databases [coffer_restore_")
        .hasMessageContaining("created roles [" + pg.name("owner") + "]");
    assertThat(pg.databases()).isEmpty();
    assertThat(pg.roleExists(pg.name("owner"))).isFalse();
    assertThat(pg.strings("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'coffer_restore_%'"
        + " AND pg_get_userbyid(datdba) = '" + pg.name("owner") + "'")).isEmpty();
  }

  @Test
  void failedRestore_withKeepFailed_leavesTheStagingDatabaseForInspection() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    String stream = report.members().get(0).tables().get(0).stream();
    streams.put(stream, "garbage\n".getBytes(StandardCharsets.UTF_8));

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> driver.restore(report,
        RestoreRequest.to(pg.node()).withTargetDatabase(pg.name("copy")).withKeepFailed(), streams, SourceListener.NONE));

    assertThat(failure).hasMessageContaining("kept staging databases [coffer_restore_");
    String kept = failure.getMessage().replaceAll("(?s).*kept staging databases \\[(coffer_restore_[a-z0-9_]+)\\].*", "$1");
    try {
      assertThat(pg.strings("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + kept + "'")).hasSize(1);
    } finally {
      pg.execute("postgres", "DROP DATABASE IF EXISTS " + kept + " WITH (FORCE)");
    }
  }

  @Test
  void schemaThenData_loadIntoTheSchema_andDataRefusesNonEmptyTables() throws Exception {
    String db = database("app");
    BackupReport schema = backup(Kind.SCHEMA, MemberSelector.one(db));
    MemoryStreams schemaStreams = new MemoryStreams();
    for (String name : streams.names()) {
      schemaStreams.put(name, streams.bytes(name));
    }
    assertThat(schema.members().get(0).tables()).isEmpty();
    MemoryStreams dataStreams = new MemoryStreams();
    BackupReport data = driver.backup(new BackupRequest(pg.node(), MemberSelector.one(db), Kind.DATA, 2),
        dataStreams, SourceListener.NONE);
    assertThat(data.members().get(0).streams()).noneMatch(s -> s.endsWith("pre-data.sql"));

    String copy = pg.name("copy");
    driver.restore(schema, RestoreRequest.to(pg.node()).withTargetDatabase(copy), schemaStreams, SourceListener.NONE);
    assertThat(pg.strings(copy, "SELECT count(*) FROM moves")).containsExactly("0");
    driver.restore(data, RestoreRequest.to(pg.node()).withTargetDatabase(copy).withJobs(2), dataStreams, SourceListener.NONE);

    assertThat(differences(data.members().get(0), copy)).isEmpty();
    assertThat(pg.strings(copy, "SELECT nextval('moves_id_seq')")).containsExactly("5001");
    assertThatThrownBy(() -> driver.restore(data, RestoreRequest.to(pg.node()).withTargetDatabase(copy), dataStreams,
            SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TARGET_EXISTS))
        .hasMessageContaining("has rows");
  }

  @Test
  void data_intoATableWhoseColumnTypesChanged_loadsEachChangedColumnAsItsText_whenItsRowsAreBinary()
      throws Exception {
    String db = database("app");
    MemoryStreams schemaStreams = new MemoryStreams();
    BackupReport schema = driver.backup(new BackupRequest(pg.node(), MemberSelector.one(db), Kind.SCHEMA, 2),
        schemaStreams, SourceListener.NONE);
    BackupReport data = backup(Kind.DATA, MemberSelector.one(db));
    assertThat(data.members().get(0).tables()).filteredOn(t -> t.table().equals("receipts")).singleElement()
        .satisfies(t -> assertThat(t.binary()).isTrue())
        .satisfies(t -> assertThat(t.columnTypes()).containsExactly("bigint", "bytea", "timestamp with time zone"));
    String copy = pg.name("copy");
    driver.restore(schema, RestoreRequest.to(pg.node()).withTargetDatabase(copy), schemaStreams, SourceListener.NONE);
    // Binary COPY into these would fail (numeric) or load a timestamp's eight bytes as characters (text).
    pg.execute(copy, "ALTER TABLE receipts ALTER COLUMN move TYPE numeric(20), ALTER COLUMN at TYPE text");

    Listener listener = new Listener();
    driver.restore(data, RestoreRequest.to(pg.node()).withTargetDatabase(copy).withJobs(2), streams, listener);

    assertThat(listener.plans.get(0).notes())
        .contains("table public.receipts: column move is numeric, the backup recorded bigint; its rows load"
            + " through a staging table of the recorded types, the column as its text")
        .anyMatch(n -> n.startsWith("table public.receipts: column at is text, the backup recorded timestamp with"));
    String rows = "SELECT move::text || ' ' || encode(scan, 'hex') || ' ' || coalesce(at::text, '-') FROM receipts ORDER BY move";
    assertThat(pg.strings(copy, rows)).hasSize(1667).isEqualTo(pg.strings(db, rows));
    assertThat(pg.strings(copy, "SELECT count(*) FROM moves")).containsExactly("5000");
  }

  @Test
  void data_intoATableThatLostAColumn_isRefusedBeforeLoading() throws Exception {
    String db = database("app");
    MemoryStreams schemaStreams = new MemoryStreams();
    BackupReport schema = driver.backup(new BackupRequest(pg.node(), MemberSelector.one(db), Kind.SCHEMA, 2),
        schemaStreams, SourceListener.NONE);
    BackupReport data = backup(Kind.DATA, MemberSelector.one(db));
    String copy = pg.name("copy");
    driver.restore(schema, RestoreRequest.to(pg.node()).withTargetDatabase(copy), schemaStreams, SourceListener.NONE);
    pg.execute(copy, "ALTER TABLE receipts DROP COLUMN at");

    assertThatThrownBy(() -> driver.restore(data, RestoreRequest.to(pg.node()).withTargetDatabase(copy).withJobs(2),
            streams, SourceListener.NONE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TARGET_EXISTS))
        .hasMessageContaining("table public.receipts in " + copy + " has no column at, which the backup holds");
    assertThat(pg.strings(copy, "SELECT (SELECT count(*) FROM moves) + (SELECT count(*) FROM receipts)"))
        .as("nothing loaded").containsExactly("0");

    // A type modifier is not a type: binary COPY checks it on load like text COPY does.
    pg.execute(copy, "ALTER TABLE receipts ADD COLUMN at timestamptz(0)");
    driver.restore(data, RestoreRequest.to(pg.node()).withTargetDatabase(copy).withJobs(2), streams,
        SourceListener.NONE);
    assertThat(pg.strings(copy, "SELECT count(*) FROM receipts")).containsExactly("1667");
  }

  @Test
  void group_byPattern_isRestoredUnderTimestampedNames_listingExtraDatabases() throws Exception {
    String a = database("grp_a");
    String b = database("grp_b");
    String other = pg.name("other");
    pg.execute("postgres", "CREATE DATABASE " + other);
    BackupReport report = backup(Kind.FULL, MemberSelector.pattern(pg.prefix + "_grp_*", List.of()));
    assertThat(report.members()).extracting(m -> m.database()).containsExactly(a, b);
    assertThat(report.consistency()).contains("one exported snapshot per database");

    Listener listener = new Listener();
    driver.restore(report, RestoreRequest.to(pg.node()).withTimestamped(), streams, listener);

    String stamp = RestoreNames.timestamp(report.startedAt());
    assertThat(pg.databases()).contains(a + "_" + stamp, b + "_" + stamp);
    assertThat(listener.plans.get(0).extraDatabases()).contains(a, b, other);
    assertThat(differences(report.members().get(1), b + "_" + stamp))
        .isEmpty();
  }

  @Test
  void backupDuringConcurrentTransfers_seesOneInstantAcrossParallelJobs() throws Exception {
    String db = database("busy");
    BackupReport report;
    // Moves money and logs both legs in the same transaction: in any consistent image every balance
    // equals 1000 plus the logged legs of its account.
    try (ConcurrentWriter writer = ConcurrentWriter.start(() -> pg.connect(db), 42, (s, random) -> {
      int from = 1 + random.nextInt(100);
      int to = 1 + random.nextInt(100);
      s.execute("BEGIN; UPDATE accounts SET balance = balance - 7 WHERE id = " + from
          + "; UPDATE accounts SET balance = balance + 7 WHERE id = " + to
          + "; INSERT INTO moves (account, amount) VALUES (" + from + ", -7), (" + to + ", 7); COMMIT");
    })) {
      writer.awaitCommits(20);
      report = driver.backup(new BackupRequest(pg.node(), MemberSelector.one(db), Kind.FULL, 3), streams,
          SourceListener.NONE);
    }
    String copy = pg.name("copy");
    driver.restore(report, RestoreRequest.to(pg.node()).withTargetDatabase(copy).withJobs(3), streams, SourceListener.NONE);

    assertThat(pg.strings(copy, "SELECT count(*) FROM moves WHERE id > 5000")).isNotEqualTo(List.of("0"));
    assertThat(pg.strings(copy, "SELECT count(*) FROM accounts a WHERE balance <> 1000 + coalesce("
        + "(SELECT sum(amount) FROM moves m WHERE m.account = a.id AND m.id > 5000), 0)"))
        .as("accounts and moves were copied by different jobs from one snapshot")
        .containsExactly("0");
    assertThat(differences(report.members().get(0), copy)).isEmpty();
  }

  @Test
  void restore_buildsPostDataFromAnArchive_andWritesTheRowsFrozen() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    assertThat(report.members().get(0).streams())
        .contains(db + "/post-data.dump")
        .doesNotContain(db + "/post-data.sql");
    String copy = pg.name("copy");

    driver.restore(report, RestoreRequest.to(pg.node()).withTargetDatabase(copy).withJobs(2), streams,
        SourceListener.NONE);

    assertThat(pg.strings(copy, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"))
        .containsExactly("accounts_pkey", "moves_account", "moves_pkey", "receipts_pkey");
    assertThat(pg.strings(copy, "SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY 1"))
        .containsExactly("moves_account_fkey");
    assertThat(report.members().get(0).tables()).filteredOn(TableReport::binary).extracting(TableReport::table)
        .containsExactly("receipts");
    pg.execute(copy, "CREATE EXTENSION pg_visibility");
    for (String table : List.of("moves", "receipts")) {
      assertThat(pg.strings(copy, "SELECT all_frozen = pg_relation_size('" + table + "') / 8192 AND all_frozen > 0"
          + " FROM pg_visibility_map_summary('" + table + "')"))
          .as("every page of %s, loaded in %s COPY, is all-frozen (COPY FREEZE)", table,
              table.equals("moves") ? "text" : "binary")
          .containsExactly("t");
    }
    assertThat(differences(report.members().get(0), copy)).isEmpty();
  }

  /** The server is on this host (127.0.0.1), so post-data runs with no more jobs than its cores. */
  @Test
  void restore_withMoreJobsThanCores_restoresEverything_andSaysWhichJobsPostDataUsed() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    String copy = pg.name("copy");
    int cores = Runtime.getRuntime().availableProcessors();
    int asked = Math.max(4, cores + 1);
    Listener listener = new Listener();

    RestoreReport done = driver.restore(report, RestoreRequest.to(pg.node()).withTargetDatabase(copy)
        .withJobs(asked), streams, listener);

    String note = "post-data with " + cores + " jobs of the " + asked + " asked: the server shares this host's "
        + cores + " cores";
    assertThat(done.plan().notes()).singleElement().asString().startsWith(note);
    assertThat(done.plan().render()).contains("\n  " + note);
    assertThat(listener.infos).filteredOn(i -> i.startsWith(note)).hasSize(1);
    assertThat(pg.strings(copy, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"))
        .containsExactly("accounts_pkey", "moves_account", "moves_pkey", "receipts_pkey");
    assertThat(pg.strings(copy, "SELECT conname FROM pg_constraint WHERE contype = 'f'"))
        .containsExactly("moves_account_fkey");
    assertThat(differences(report.members().get(0), copy)).isEmpty();
  }

  @Test
  void restore_withoutPgRestoreBesidePsql_isRefusedWhilePlanning_andCreatesNothing(@TempDir Path dir)
      throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    PgInstallation installed = PgTools.standard().forServer(report.serverVersion());
    for (String tool : List.of("pg_dump", "psql")) {
      Files.createSymbolicLink(dir.resolve(tool), installed.bin().resolve(tool));
    }
    PostgresDriver withoutPgRestore = new PostgresDriver(List.of(dir));
    String copy = pg.name("copy");

    assertThatThrownBy(() -> withoutPgRestore.restore(report, RestoreRequest.to(pg.node()).withTargetDatabase(copy),
            streams, SourceListener.NONE))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOOL_NOT_FOUND))
        .hasMessageContaining("psql and pg_restore of version >= ")
        .hasMessageContaining(installed.version() + " in " + dir);
    assertThat(pg.databases()).containsExactly(db);
  }

  @Test
  void plainPostDataScript_ofEarlierBackups_isStillRestored() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    MemberReport member = report.members().get(0);
    Process dump = new ProcessBuilder("pg_dump", "--section=post-data", "--no-password",
        "--host=" + PgServer.HOST, "--username=" + PgServer.ADMIN, "--dbname=" + db).start();
    byte[] script = dump.getInputStream().readAllBytes();
    assertThat(dump.waitFor()).isZero();
    streams.put(db + "/post-data.sql", script);
    List<String> oldNames = member.streams().stream()
        .map(n -> n.equals(db + "/post-data.dump") ? db + "/post-data.sql" : n).toList();
    BackupReport old = new BackupReport(report.layout(), report.engine(), report.kind(), report.node(),
        report.serverVersion(), report.toolVersion(), report.startedAt(), report.finishedAt(), report.consistency(),
        report.roles(), List.of(new MemberReport(db, member.sizeBytes(), oldNames, member.tables())),
        report.streams());
    streams.put(db + "/post-data.dump", "not an archive".getBytes(StandardCharsets.UTF_8));
    String copy = pg.name("copy");

    driver.restore(old, RestoreRequest.to(pg.node()).withTargetDatabase(copy), streams, SourceListener.NONE);

    assertThat(pg.strings(copy, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")).containsExactly("4");
    assertThat(pg.strings(copy, "SELECT conname FROM pg_constraint WHERE contype = 'f'"))
        .containsExactly("moves_account_fkey");
    assertThat(differences(member, copy)).isEmpty();
  }

  @Test
  void failedPostData_dropsTheStagingDatabase_andNamesPgRestore() throws Exception {
    String db = database("app");
    BackupReport report = backup(db);
    String stream = report.members().get(0).tables().stream()
        .filter(t -> t.table().equals("accounts")).findFirst().orElseThrow().stream();
    streams.put(stream, "1\t10\n1\t20\n".getBytes(StandardCharsets.UTF_8));

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> driver.restore(report,
        RestoreRequest.to(pg.node()).withTargetDatabase(pg.name("copy")).withJobs(2), streams, SourceListener.NONE));

    assertThat(failure)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CHILD_FAILED))
        .hasMessageContaining("pg_restore post-data into coffer_restore_")
        .hasMessageContaining("accounts_pkey")
        .hasMessageContaining("dropped staging databases [coffer_restore_");
    String staging = failure.getMessage().replaceAll("(?s).*dropped staging databases \\[(coffer_restore_[a-z0-9_]+)\\].*", "$1");
    assertThat(pg.strings("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + staging + "'")).isEmpty();
    assertThat(pg.databases()).containsExactly(db);
  }
}
