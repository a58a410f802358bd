package io.coffer.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.job.JobType;
import io.coffer.catalog.job.NewJob;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.PgServer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupFailedException;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.job.JobControl;
import io.coffer.engine.job.JobRunner;
import io.coffer.engine.job.JobService;
import io.coffer.engine.job.ProgressMeter;
import io.coffer.model.Engine;
import io.coffer.model.ExistingPolicy;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.backend.FaultyBackend.Operation;
import io.coffer.repo.backend.FaultyBackend;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.source.SourceListener;
import io.coffer.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aborts at the phases where stopping is hardest to get right: during a PostgreSQL dump (pg_dump
 * children and COPY sessions under way), while the last pack of a backup is being uploaded (the data is all written, only the manifest is missing) and while a scheduled
 * restore, carried out as an agent's job, loads into its staging database. Either way the run is
 * recorded ABORTED and nothing of it exists afterwards: the volume checks clean, and the restore's
 * existing target is left as it was.
 */
class AbortPhasesTest {

  @TempDir Path tmp;
  TestHome home;
  final String prefix = "coffer_ab_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  final String database = prefix + "_orders";
  /** Staging databases seen while loading; dropped afterwards if the restore left one. */
  final List<String> staging = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException, SQLException {
    home = new TestHome(tmp);
    home.setUp(200_000);
  }

  @AfterEach
  void drop() throws SQLException {
    List<String> ours = new ArrayList<>(staging);
    ours.addAll(strings("select datname from pg_database where datname like '" + prefix + "%'"));
    for (String db : ours) {
      PgServer.execute("postgres", "drop database if exists \"" + db + "\" with (force)");
    }
  }

  @Test
  void anAbortWhileTheLastPackUploads_commitsNoManifest_recordsAborted_andTheVolumeChecksClean() throws Exception {
    Abort abort = new Abort();
    AtomicBoolean indexWritten = new AtomicBoolean();
    // The index is written right after the last pack's upload returns: aborting there is aborting
    // during that upload, as late as an abort can come.
    try (Coffer coffer = Coffer.open(home.config(), location -> TestHome.PASSPHRASE.toCharArray(),
        backend -> new FaultyBackend(backend).onceBefore(Operation.SAVE, FileType.INDEX, () -> {
          indexWritten.set(true);
          abort.now("aborted by the test while the last pack was uploading");
        }))) {
      BackupFailedException failed = catchThrowableOfType(BackupFailedException.class, () -> coffer.backups()
          .run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE, SourceListener.NONE, abort));

      assertThat(indexWritten).as("the abort came after the last pack").isTrue();
      assertThat(failed.getMessage()).contains("ABORTED").contains("while the last pack was uploading");
      assertThat(coffer.catalog().backups().show(1).status()).isEqualTo(BackupStatus.ABORTED);
      assertThat(coffer.catalog().backups().show(1).manifestId()).isNull();
    }
    try (Volume volume = Volume.open(new LocalBackend(home.volume), TestHome.PASSPHRASE.toCharArray())) {
      assertThat(volume.backups()).as("no backup exists in the volume").isEmpty();
      assertThat(volume.check(true, ProgressListener.NONE).ok()).as("the volume checks clean").isTrue();
    }
  }

  @Test
  void anAbortDuringAPostgresDump_stopsItsChildrenAndSessions_commitsNothing_andTheVolumeChecksClean()
      throws Exception {
    PgServer.execute("postgres", "create database " + database);
    PgServer.execute(database, "create table item (id int primary key, note text)",
        "insert into item select g, md5(g::text) || repeat('x', 300) from generate_series(1, 100000) g");
    Abort abort = new Abort();
    AtomicLong read = new AtomicLong();
    // Aborted once the first megabyte of rows has reached the volume: pg_dump runs and COPY streams.
    ProgressListener dumping = new ProgressListener() {
      @Override
      public void advance(long amount) {
        if (read.addAndGet(amount) > (1 << 20)) {
          abort.now("aborted by the test during the dump");
        }
      }
    };
    try (Coffer coffer = home.open()) {
      coffer.nodes().add(NewNode.builder("pg1", Engine.POSTGRESQL).host("127.0.0.1").adminUser("postgres").build());
      BackupFailedException failed = catchThrowableOfType(BackupFailedException.class, () -> coffer.backups()
          .run(BackupOrder.byHand("pg1", database), dumping, SourceListener.NONE, abort));

      assertThat(read.get()).as("the dump was under way").isGreaterThan(1 << 20);
      assertThat(failed.getMessage()).contains("ABORTED").contains("aborted by the test during the dump");
      assertThat(coffer.catalog().backups().show(1).status()).isEqualTo(BackupStatus.ABORTED);
      assertThat(coffer.catalog().backups().show(1).manifestId()).isNull();
    }
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(database)))
        .as("no pg_dump of the database is left running").isEmpty();
    Await.until("no session of the backup left on the server",
        () -> strings("select count(*) from pg_stat_activity where datname = '" + database + "'").equals(List.of("0")));
    try (Volume volume = Volume.open(new LocalBackend(home.volume), TestHome.PASSPHRASE.toCharArray())) {
      assertThat(volume.backups()).as("no backup exists in the volume").isEmpty();
      assertThat(volume.check(true, ProgressListener.NONE).ok()).as("the volume checks clean").isTrue();
    }
  }

  @Test
  void aScheduledRestoreAbortedWhileLoading_dropsItsStaging_leavesTheExistingTarget_andEndsAborted()
      throws Exception {
    PgServer.execute("postgres", "create database " + database);
    PgServer.execute(database, "create table item (id int primary key, note text)",
        "insert into item select g, repeat('x', 200) from generate_series(1, 20000) g");
    try (Coffer coffer = home.open()) {
      coffer.catalog().agents().add(NewAgent.of("backup01"));
      coffer.nodes().add(NewNode.builder("pg1", Engine.POSTGRESQL).host("127.0.0.1").adminUser("postgres").build());
      coffer.backups().run(BackupOrder.byHand("pg1", database), ProgressListener.NONE, SourceListener.NONE);
      PgServer.execute(database, "delete from item where id > 100");
      long scheduled = coffer.catalog().restoreDefinitions().add(NewRestoreDefinition.of(1, "backup01", "pg1")
          .existing(ExistingPolicy.RENAME).runAt(Instant.now())).id();
      coffer.catalog().jobs().enqueue(NewJob.of(JobType.RESTORE).agent("backup01").restoreDefinition(scheduled));
      Job claimed = coffer.catalog().jobs().claim(JobService.claimant("backup01", Duration.ofMinutes(1)))
          .orElseThrow();
      // The agent's heartbeat would set the abort when asked; here it is set as the load begins.
      AtomicReference<JobControl> control = new AtomicReference<>();
      SourceListener loading = new SourceListener() {
        @Override
        public void info(String message) {
          if (message.contains("into staging database ")) {
            staging.add(message.substring(message.lastIndexOf(' ') + 1));
            control.get().abort("aborted by the test while loading");
          }
        }
      };
      control.set(new JobControl(claimed, new ProgressMeter(ProgressListener.NONE, loading), backup -> { }));

      JobRunner.Result result = new JobRunner(coffer.catalogLink(), coffer.backups(), coffer.verifications(),
          coffer.dueRestores(), coffer.retention()).run(control.get());

      assertThat(staging).as("the restore was loading when it was aborted").hasSize(1);
      assertThat(result.state()).isEqualTo(JobState.ABORTED);
      assertThat(result.summary()).contains("aborted by the test while loading");
      Restore restore = coffer.catalog().restores().show(1);
      assertThat(restore.status()).isEqualTo(RestoreStatus.ABORTED);
      assertThat(restore.error()).startsWith("aborted by the test while loading");
      assertThat(coffer.catalog().restoreDefinitions().show(scheduled).error()).contains("ABORTED");
    }
    assertThat(strings("select datname from pg_database where datname = '" + staging.get(0) + "'"))
        .as("the staging database was dropped").isEmpty();
    assertThat(strings("select datname from pg_database where datname like '" + prefix + "%'"))
        .as("the existing target was not renamed").containsExactly(database);
    assertThat(PgServer.strings(database, "select count(*) from item")).as("and not changed").containsExactly("100");
  }

  /** A run control the test aborts. */
  static final class Abort implements RunControl {
    private volatile String reason;

    void now(String why) {
      reason = why;
    }

    @Override
    public boolean abortRequested() {
      return reason != null;
    }

    @Override
    public String abortReason() {
      return reason == null ? "" : reason;
    }
  }

  private static List<String> strings(String sql) throws SQLException {
    return PgServer.strings("postgres", sql);
  }
}
