package io.coffer.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupFailedException;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.model.Engine;
import io.coffer.repo.BackupInfo;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.source.SourceListener;
import io.coffer.source.TableReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores through the engine's {@link RestoreService}: onto the machine's real PostgreSQL and onto
 * SQLite nodes, with the policies for a target that exists, and the refusals that must change nothing.
 * Every restore is compared table by table with its source and checked in the catalog's record.
 */
class RestoreServiceTest {

  static final String URL = "jdbc:postgresql://127.0.0.1:5432/";

  @TempDir Path tmp;
  TestHome home;
  final String database = "coffer_rs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final String copy = database + "_copy";

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(200_000);
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL + "postgres", "postgres", ""); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + copy + " with (force)");
      s.execute("drop database if exists " + database + " with (force)");
    }
  }

  @Test
  void aPostgresqlBackup_restoresUnderAnotherName_equalTableByTable_andIsRecorded() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL + "postgres", "postgres", ""); Statement s = c.createStatement()) {
      s.execute("create database " + database);
    }
    try (Connection c = DriverManager.getConnection(URL + database, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("create table item (id int primary key, name text not null, price numeric(8,2))");
      s.execute("insert into item select g, 'item ' || g, g * 1.25 from generate_series(1, 2000) g");
      s.execute("create table note (body text)");
    }
    try (Coffer coffer = home.open()) {
      coffer.nodes().add(NewNode.builder("pg", Engine.POSTGRESQL).host("127.0.0.1").adminUser("postgres").build());
      Backup backup = coffer.backups().run(BackupOrder.byHand("pg", database), ProgressListener.NONE, SourceListener.NONE)
          .recorded().orElseThrow();

      RestoreOutcome outcome = coffer.restores().run(RestoreOrder.of(backup.id(), "pg").targetDatabase(copy),
          SourceListener.NONE, ProgressListener.NONE);

      assertThat(coffer.nodes().contents("pg", copy)).isEqualTo(coffer.nodes().contents("pg", database));
      Restore recorded = outcome.recorded().orElseThrow();
      assertThat(recorded.status()).isEqualTo(RestoreStatus.SUCCEEDED);
      assertThat(recorded.backupId()).isEqualTo(backup.id());
      assertThat(recorded.manifestId()).isEqualTo(backup.manifestId());
      assertThat(recorded.targetNode()).isEqualTo("pg");
      assertThat(recorded.targetDatabase()).isEqualTo(copy);
      assertThat(recorded.bytesWritten()).isPositive();
      assertThat(recorded.finishedAt()).isNotNull();
      assertThat(coffer.catalog().restores().list(10)).extracting(Restore::id).containsExactly(recorded.id());
    }
  }

  @Test
  void anExistingTarget_isRenamedAside_orDropped_whenTheOrderSaysSo() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      SampleDatabase.ofSize(7, 200_000).ship(home.data.resolve("shop.db"), 0.2);
      var shipped = coffer.nodes().contents("shop", "shop.db");

      Restore renamed = coffer.restores().run(RestoreOrder.of(backup.id(), "shop").renameExisting(), SourceListener.NONE,
          ProgressListener.NONE).recorded().orElseThrow();
      assertThat(renamed.renamedExistingTo()).isNotBlank();
      assertThat(coffer.nodes().contents("shop", renamed.renamedExistingTo())).isEqualTo(shipped);
      var restored = coffer.nodes().contents("shop", "shop.db");
      assertThat(restored).isNotEqualTo(shipped);

      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(home.data.resolve(renamed.renamedExistingTo() + suffix));
      }
      SampleDatabase.ofSize(7, 200_000).ship(home.data.resolve("shop.db"), 0.2);
      Restore dropped = coffer.restores().run(RestoreOrder.of(backup.id(), "shop").dropExisting(), SourceListener.NONE,
          ProgressListener.NONE).recorded().orElseThrow();
      assertThat(dropped.renamedExistingTo()).isNull();
      assertThat(coffer.nodes().contents("shop", "shop.db")).isEqualTo(restored);
      try (var files = Files.list(home.data)) {
        assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".db"))).containsExactly("shop.db");
      }
    }
  }

  @Test
  void eachBackupOfALevelChain_restoresWhatItHeld_evenWithItsParentGoneFromTheVolume() throws IOException {
    Backup full;
    Backup one;
    Backup two;
    List<TableReport> atOne;
    List<TableReport> atTwo;
    try (Coffer coffer = home.open()) {
      full = backup(coffer);
      List<TableReport> atFull = coffer.nodes().contents("shop", "shop.db");
      SampleDatabase.ofSize(7, 200_000).ship(home.data.resolve("shop.db"), 0.05);
      one = backup(coffer, BackupOrder.byHand("shop", "shop.db").level(1));
      atOne = coffer.nodes().contents("shop", "shop.db");
      SampleDatabase.ofSize(7, 200_000).ship(home.data.resolve("shop.db"), 0.2);
      two = backup(coffer, BackupOrder.byHand("shop", "shop.db").level(2));
      atTwo = coffer.nodes().contents("shop", "shop.db");
      assertThat(List.of(one.parentId(), two.parentId())).containsExactly(full.id(), one.id());
      assertThat(atOne).as("the data changed between the backups").isNotEqualTo(atFull).isNotEqualTo(atTwo);
    }
    // A level above 0 restores on its own: its manifest names every blob it needs, so neither the
    // parent's manifest nor the data only the parent held is read.
    try (Volume volume = Volume.open(new LocalBackend(home.volume), TestHome.PASSPHRASE.toCharArray())) {
      volume.forget(List.of(full.manifestId()));
      volume.prune(false, ProgressListener.NONE);
      assertThat(volume.backups()).extracting(BackupInfo::id).containsExactlyInAnyOrder(one.manifestId(), two.manifestId());
    }
    try (Coffer coffer = home.open()) {
      Restore first = coffer.restores().run(RestoreOrder.of(two.id(), "shop").targetDatabase("two.db"), SourceListener.NONE,
          ProgressListener.NONE).recorded().orElseThrow();
      Restore second = coffer.restores().run(RestoreOrder.of(one.id(), "shop").targetDatabase("one.db"), SourceListener.NONE,
          ProgressListener.NONE).recorded().orElseThrow();
      assertThat(coffer.nodes().contents("shop", "two.db")).isEqualTo(atTwo);
      assertThat(coffer.nodes().contents("shop", "one.db")).isEqualTo(atOne);
      assertThat(List.of(first.manifestId(), second.manifestId())).containsExactly(two.manifestId(), one.manifestId());
    }
  }

  @Test
  void aBackupThatFailed_orATargetNodeOfAnotherEngine_isRefusedNamingTheField_andNothingIsRecorded() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup good = backup(coffer);
      coffer.nodes().add(NewNode.builder("pg", Engine.POSTGRESQL).host("127.0.0.1").adminUser("postgres").build());
      assertThatThrownBy(() -> coffer.restores().run(RestoreOrder.of(good.id(), "pg").targetDatabase("x"),
          SourceListener.NONE, ProgressListener.NONE))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("target-node \"pg\"").hasMessageContaining("sqlite");
    }
    // A process keeps a volume open once it has opened it: the next one finds it unreadable.
    Files.delete(home.volume.resolve("config"));
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> backup(coffer)).isInstanceOf(BackupFailedException.class);
      Backup failed = coffer.catalog().backups().list(BackupFilter.newest()).get(0);
      assertThatThrownBy(() -> coffer.restores().run(RestoreOrder.of(failed.id(), "shop").targetDatabase("copy.db"),
          SourceListener.NONE, ProgressListener.NONE))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("backup \"" + failed.id() + "\"").hasMessageContaining("FAILED");

      assertThat(coffer.catalog().restores().list(10)).isEmpty();
      assertThat(home.data.resolve("copy.db")).doesNotExist();
    }
  }

  private static Backup backup(Coffer coffer) {
    return backup(coffer, BackupOrder.byHand("shop", "shop.db"));
  }

  private static Backup backup(Coffer coffer, BackupOrder order) {
    return coffer.backups().run(order, ProgressListener.NONE, SourceListener.NONE).recorded().orElseThrow();
  }
}
