package io.coffer.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.history.HistoryEntry;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.EngineException;
import io.coffer.engine.PgServer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.node.Drivers;
import io.coffer.model.Engine;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores onto the machine's PostgreSQL server through the engine: the plan's names are the
 * restore's and the catalog's, a session holding the target stops the restore (or is ended when
 * asked), and a restore that fails at its last step leaves nothing behind. The databases made
 * start with a random prefix and are dropped afterwards.
 */
class PostgresRestoreServiceTest {

  static final String URL = "jdbc:postgresql://127.0.0.1:5432/";

  @TempDir Path tmp;
  TestHome home;
  final String prefix = "coffer_rs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  final String database = prefix + "_walk";
  final List<Connection> sessions = new ArrayList<>();
  /** Staging databases seen while loading; dropped afterwards if a test left one. */
  final List<String> staging = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException, SQLException {
    home = new TestHome(tmp);
    home.setUp(10_000);
    execute("postgres", "create database " + database);
    execute(database, "create table step (id int primary key, note text)",
        "insert into step select g, 'step ' || g from generate_series(1, 500) g");
    try (Coffer coffer = home.open()) {
      coffer.nodes().add(NewNode.builder("pg1", Engine.POSTGRESQL).host("127.0.0.1").adminUser("postgres").build());
      coffer.backups().run(BackupOrder.byHand("pg1", database), ProgressListener.NONE, SourceListener.NONE);
    }
    execute(database, "delete from step where id > 100");
  }

  @AfterEach
  void drop() throws SQLException {
    for (Connection c : sessions) {
      c.close();
    }
    List<String> ours = new ArrayList<>(staging);
    ours.addAll(strings("select datname from pg_database where datname like '" + prefix + "%'"));
    for (String db : ours) {
      execute("postgres", "drop database if exists \"" + db + "\" with (force)");
    }
  }

  /** Issue 13, item 1: the time was read once for the plan and again for the rename. */
  @Test
  void renameExisting_acrossASecondBoundary_renamesToTheNameThePlanShowedAndTheCatalogRecords() throws Exception {
    try (Coffer coffer = home.open()) {
      RestoreOutcome outcome = service(coffer, new TickingClock(Instant.parse("2026-12-04T03:47:44.999Z")))
          .run(RestoreOrder.of(1, "pg1").renameExisting(), SourceListener.NONE, ProgressListener.NONE);

      String planned = outcome.plan().databases().get(0).renamedTo();
      assertThat(planned).isEqualTo(database + "_20261204T034744");
      assertThat(outcome.recorded().orElseThrow().renamedExistingTo()).isEqualTo(planned);
      assertThat(strings("select datname from pg_database where datname like '" + prefix + "%' order by 1"))
          .containsExactly(database, planned);
      assertThat(count(planned)).as("the database renamed out of the way").isEqualTo("100");
      assertThat(count(database)).as("the restored database").isEqualTo("500");
    }
  }

  /** Issue 13, item 2 (and 4): a second session on the target; the refusal is in the history. */
  @Test
  void aSessionHoldingTheTarget_refusesTheRestoreNamingIt_changesNothing_andIsInTheHistory() throws Exception {
    long pid = holdSession(database, "walk-report");
    try (Coffer coffer = home.open()) {
      CatalogValidationException refused = catchThrowableOfType(CatalogValidationException.class,
          () -> coffer.restores().run(RestoreOrder.of(1, "pg1").renameExisting(), SourceListener.NONE,
              ProgressListener.NONE));

      assertThat(refused.field()).isEqualTo("target-database");
      assertThat(refused.getMessage()).startsWith("database " + database + " on pg1 is in use by 1 session: pid " + pid
          + " (user postgres, application walk-report").contains("--terminate-connections");
      assertThat(coffer.catalog().restores().list(10)).isEmpty();
      HistoryEntry entry = coffer.catalog().history().list(null, 1).get(0);
      assertThat(entry.action()).isEqualTo("restore start");
      assertThat(entry.detail()).isEqualTo("backup 1 target-node pg1 rename-existing");
      assertThat(entry.result()).isEqualTo("rejected: " + refused.getMessage());
    }
    assertThat(strings("select datname from pg_database where datname like '" + prefix + "%'"))
        .containsExactly(database);
    assertThat(count(database)).isEqualTo("100");
  }

  @Test
  void terminateConnections_endsTheSessionFirst_andTheRestoreRecordsWhichOne() throws Exception {
    long pid = holdSession(database, "walk-report");
    try (Coffer coffer = home.open()) {
      RestoreOutcome outcome = coffer.restores().run(RestoreOrder.of(1, "pg1").dropExisting().terminateConnections(),
          SourceListener.NONE, ProgressListener.NONE);

      assertThat(outcome.plan().render()).contains("end the sessions holding " + database
          + " (terminate-connections): pid " + pid);
      Restore recorded = outcome.recorded().orElseThrow();
      assertThat(recorded.logTail()).contains("ended 1 session(s) holding " + database).contains("pid " + pid);
      assertThat(recorded.serverVersion()).startsWith("PostgreSQL 15.");
      assertThat(recorded.toolVersion()).as("the tools of the restore, not the backup's pg_dump")
          .startsWith("psql 15.").doesNotContain("pg_dump");
      assertThat(coffer.catalog().history().list(null, 2).get(1).detail()).contains("terminate-connections");
    }
    assertThat(sessions.get(0).isValid(2)).as("the session was ended").isFalse();
    assertThat(count(database)).isEqualTo("500");
  }

  /** Issue 13, item 2: the final rename failed and the staging database stayed on the server. */
  @Test
  void aSessionArrivingWhileLoading_failsThePutInPlace_andTheStagingDatabaseIsDropped() throws Exception {
    try (Coffer coffer = home.open()) {
      EngineException failed = catchThrowableOfType(EngineException.class, () -> coffer.restores().run(
          RestoreOrder.of(1, "pg1").renameExisting(), connectWhileStaging(), ProgressListener.NONE));

      assertThat(staging).singleElement().asString()
          .matches("coffer_restore_" + coffer.catalog().identity() + "_[a-z0-9]{6}_1");
      assertThat(failed.getMessage()).contains("could not put " + database + " in place")
          .contains("while 1 session holds it: pid").contains("application late-report")
          .contains("dropped staging databases [" + staging.get(0) + "]");
      assertThat(coffer.catalog().restores().show(1).status()).isEqualTo(RestoreStatus.FAILED);
    }
    assertThat(strings("select datname from pg_database where datname = '" + staging.get(0) + "'")).isEmpty();
    assertThat(strings("select datname from pg_database where datname like '" + prefix + "%'"))
        .containsExactly(database);
    assertThat(count(database)).isEqualTo("100");
  }

  @Test
  void keepFailed_keepsTheStagingDatabase_andTheMessageSaysHowToDropIt_inACommandThatRuns() throws Exception {
    try (Coffer coffer = home.open()) {
      Throwable failed = catchThrowable(() -> coffer.restores().run(
          RestoreOrder.of(1, "pg1").dropExisting().keepFailed(), connectWhileStaging(), ProgressListener.NONE));

      assertThat(failed.getMessage()).contains("kept staging databases [" + staging.get(0) + "]");
      String command = failed.getMessage().replaceAll("(?s).*to drop them: ", "");
      assertThat(command).startsWith("psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -c 'DROP DATABASE \""
          + staging.get(0) + "\"'");
      assertThat(strings("select datname from pg_database where datname = '" + staging.get(0) + "'")).hasSize(1);

      Process drop = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
      String output = new String(drop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(drop.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(drop.exitValue()).as(output).isZero();
    }
    assertThat(strings("select datname from pg_database where datname = '" + staging.get(0) + "'")).isEmpty();
    assertThat(count(database)).as("the existing database was not dropped").isEqualTo("100");
  }

  private RestoreService service(Coffer coffer, Clock clock) {
    return new RestoreService(coffer.catalogLink(), coffer.volumeOpener(), new Drivers(tmp), "backup01", 1, clock);
  }

  /** A listener that connects to the target once the backup is loading into its staging database. */
  private SourceListener connectWhileStaging() {
    return new SourceListener() {
      @Override
      public void info(String message) {
        if (message.contains("into staging database ")) {
          staging.add(message.substring(message.lastIndexOf(' ') + 1));
          try {
            holdSession(database, "late-report");
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    };
  }

  /** Opens a session on the database, as another user of it would; returns its pid. */
  private long holdSession(String db, String application) throws SQLException {
    Connection c = DriverManager.getConnection(URL + db + "?ApplicationName=" + application, "postgres", "");
    sessions.add(c);
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_backend_pid()")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String count(String db) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL + db, "postgres", "");
        Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from step")) {
      r.next();
      return r.getString(1);
    }
  }

  private static List<String> strings(String sql) throws SQLException {
    return PgServer.strings("postgres", sql);
  }

  private static void execute(String db, String... statements) throws SQLException {
    PgServer.execute(db, statements);
  }

  /** A clock that moves on one second every time it is read: reading it twice crosses a second. */
  static final class TickingClock extends Clock {
    private Instant next;

    TickingClock(Instant first) {
      this.next = first;
    }

    @Override
    public synchronized Instant instant() {
      Instant now = next;
      next = next.plusSeconds(1);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a test clock in UTC");
    }
  }
}
