package io.coffer.engine.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.EngineException;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupFailedException;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.restore.RestoreOrder;
import io.coffer.model.Engine;
import io.coffer.repo.CheckReport;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.backend.FaultyBackend;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's promise when the volume fails under a PostgreSQL backup or restore of the machine's
 * server: a clear error, the backup or restore recorded FAILED with the reason, no manifest
 * committed half-way, no staging database left behind. The volume's backend is wrapped in a
 * {@link FaultyBackend}.
 */
class PostgresVolumeFaultTest {

  static final String URL = "jdbc:postgresql://127.0.0.1:5432/";

  @TempDir Path tmp;
  TestHome home;
  final String database = "coffer_fault_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final String copy = database + "_copy";
  final AtomicReference<FaultyBackend> faulty = new AtomicReference<>();

  @BeforeEach
  void setUp() throws IOException, SQLException {
    home = new TestHome(tmp);
    home.setUp(100_000);
    try (Coffer coffer = home.open()) {
      coffer.nodes().add(NewNode.builder("pg", Engine.POSTGRESQL).host("127.0.0.1").adminUser("postgres").build());
    }
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("create database " + database);
    }
    // Hex digests compress to about half: some megabytes reach the volume, more than the full disk below allows.
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute("create table reading (id int primary key, payload text not null)");
      s.execute("insert into reading select g, md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text)"
          + " from generate_series(1, 100000) g");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + copy + " with (force)");
      s.execute("drop database if exists " + database + " with (force)");
    }
  }

  @Test
  void fullDiskMidBackup_recordsFailedWithTheReason_commitsNoManifest_andLeavesTheVolumeCheckable() throws IOException {
    try (Coffer coffer = openWrapped(backend -> new FaultyBackend(backend).failSavesAfter(256 << 10))) {
      assertThatThrownBy(() -> coffer.backups().run(BackupOrder.byHand("pg", database), ProgressListener.NONE,
          SourceListener.NONE))
          .isInstanceOf(BackupFailedException.class)
          .hasMessageContaining("backup 1 of node pg FAILED").hasMessageContaining("No space left on device");
      Backup row = coffer.catalog().backups().show(1);
      assertThat(row.status()).isEqualTo(BackupStatus.FAILED);
      assertThat(row.error()).contains("No space left on device");
      assertThat(row.manifestId()).isNull();
    }
    assertThat(faulty.get().calls(FaultyBackend.Operation.SAVE)).isGreaterThan(1);
    try (Volume volume = Volume.open(new LocalBackend(home.volume), TestHome.PASSPHRASE.toCharArray())) {
      assertThat(volume.backups()).isEmpty();
      CheckReport check = volume.check(false, ProgressListener.NONE);
      assertThat(check.damages()).isEmpty();
      assertThat(check.ok()).isTrue();
    }
  }

  @Test
  void volumeFailingMidRestore_recordsFailedWithTheReason_andDropsTheStagingDatabase() throws SQLException {
    try (Coffer coffer = home.open()) {
      coffer.backups().run(BackupOrder.byHand("pg", database), ProgressListener.NONE, SourceListener.NONE);
    }
    List<String> staging = new ArrayList<>();
    SourceListener failReadsOnceStaged = new SourceListener() {
      @Override
      public void info(String message) {
        if (message.contains("into staging database ")) {
          staging.add(message.substring(message.lastIndexOf(' ') + 1));
          FaultyBackend backend = faulty.get();
          int next = backend.calls(FaultyBackend.Operation.LOAD_RANGE) + 1;
          for (int n = next; n < next + 100_000; n++) {
            backend.failCall(FaultyBackend.Operation.LOAD_RANGE, n);
          }
        }
      }
    };
    try (Coffer coffer = openWrapped(FaultyBackend::new)) {
      assertThatThrownBy(() -> coffer.restores().run(RestoreOrder.of(1, "pg").targetDatabase(copy), failReadsOnceStaged,
          ProgressListener.NONE))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("restore 1 of backup 1 FAILED").hasMessageContaining("injected fault");
      Restore row = coffer.catalog().restores().show(1);
      assertThat(row.status()).isEqualTo(RestoreStatus.FAILED);
      assertThat(row.error()).contains("injected fault");
      assertThat(row.finishedAt()).isNotNull();
    }
    assertThat(staging).hasSize(1);
    assertThat(databaseExists(staging.get(0))).as("staging database " + staging.get(0)).isFalse();
    assertThat(databaseExists(copy)).isFalse();
  }

  private Coffer openWrapped(java.util.function.UnaryOperator<io.coffer.repo.backend.Backend> wrap) {
    return Coffer.open(home.config(), location -> TestHome.PASSPHRASE.toCharArray(), backend -> {
      FaultyBackend wrapped = (FaultyBackend) wrap.apply(backend);
      faulty.set(wrapped);
      return wrapped;
    });
  }

  private static boolean databaseExists(String name) throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from pg_database where datname = '" + name + "'")) {
      r.next();
      return r.getInt(1) > 0;
    }
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(URL + db, "postgres", "");
  }
}
