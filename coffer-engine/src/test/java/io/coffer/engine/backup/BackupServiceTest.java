package io.coffer.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.catalog.retention.Expire;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.engine.restore.RestoreOrder;
import io.coffer.engine.restore.RestoreOutcome;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupServiceTest {

  @TempDir Path tmp;
  TestHome home;

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(2_000_000);
  }

  @Test
  void backupByHand_recordsSucceededWithSizesExpiryAndTags() throws IOException {
    try (Coffer coffer = home.open()) {
      BackupOutcome outcome = coffer.backups().run(BackupOrder.byHand("shop", "shop.db").expire(Expire.parse("1w 3d")),
          ProgressListener.NONE, SourceListener.NONE);

      Backup row = outcome.recorded().orElseThrow();
      assertThat(row.status()).isEqualTo(BackupStatus.SUCCEEDED);
      assertThat(row.databases()).containsExactly("shop.db");
      assertThat(row.bytesRead()).isGreaterThan(1_000_000);
      assertThat(row.bytesStored()).isPositive();
      assertThat(row.expiresAt()).isEqualTo(Expire.parse("1w 3d").after(row.finishedAt()));
      assertThat(row.checksum()).startsWith("sha256:");
      assertThat(row.toolVersion()).contains("sqlite-jdbc");
      BackupService.Contents contents = coffer.backups().contents(row.id());
      assertThat(contents.manifest().tags()).containsEntry("node", "shop").containsEntry("databases", "shop.db")
          .containsEntry("kind", "FULL").containsEntry("level", "0");
      assertThat(contents.report()).isPresent();
      assertThat(contents.manifest().entry(ReportStream.NAME)).isNotNull();
      assertThat(coffer.backups().report(row.id())).isEqualTo(contents.report());
      assertThat(contents.report().orElseThrow().streams()).isNotEmpty().allSatisfy(stream -> {
        assertThat(stream.sha256()).as("the bytes are not hashed a second time").isNull();
        assertThat(stream.content()).isEqualTo(contents.manifest().entry(stream.name()).contentDigest());
      });
      assertThat(row.finishedAt()).as("finished when the manifest says it was committed, as a rebuild gives it")
          .isEqualTo(Instant.parse(contents.manifest().time()).truncatedTo(ChronoUnit.MILLIS));
    }
  }

  @Test
  void aVolumeJustRegistered_isInTheLocalCache_soItsFirstBackupOpensItAhead() {
    // setUp registered volume vault (coffer volume add); no backup has been planned into it yet.
    assertThat(new io.coffer.engine.offline.LocalCache(home.config().cacheDirectory()).volume("vault"))
        .map(io.coffer.engine.volume.VolumeInfo::location).contains(home.volume.toString());
  }

  @Test
  void aVolumeOpenedAheadFromAnOutdatedCache_isNotTheOneWritten_theCatalogsIs() throws IOException {
    // The cache says volume vault is somewhere it is not (moved since, or another catalog's).
    Path elsewhere = Files.createDirectories(tmp.resolve("not-the-volume"));
    new io.coffer.engine.offline.LocalCache(home.config().cacheDirectory())
        .put(new io.coffer.engine.volume.VolumeInfo(1, "vault", elsewhere.toString()));
    try (Coffer coffer = home.open()) {
      BackupOrder order = BackupOrder.byHand("shop", "shop.db").volume("vault");
      Backup row = coffer.backups().run(order, ProgressListener.NONE, SourceListener.NONE).recorded().orElseThrow();

      assertThat(row.status()).isEqualTo(BackupStatus.SUCCEEDED);
      assertThat(coffer.backups().contents(row.id()).manifest().tags()).containsEntry("databases", "shop.db");
      assertThat(elsewhere).isEmptyDirectory();
      // The plan put the catalog's location back into the cache: the next run opens the right one ahead.
      assertThat(new io.coffer.engine.offline.LocalCache(home.config().cacheDirectory()).volume("vault")
          .orElseThrow().location()).isEqualTo(home.volume.toString());
      Backup second = coffer.backups().run(order, ProgressListener.NONE, SourceListener.NONE).recorded()
          .orElseThrow();
      assertThat(second.status()).isEqualTo(BackupStatus.SUCCEEDED);
    }
  }

  @Test
  void levelOneAfterSmallChange_storesLittle_andRestoresEqual() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup first = coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow();
      SampleDatabase.ofSize(7, 2_000_000).ship(home.data.resolve("shop.db"), 0.01);
      Backup second = coffer.backups().run(BackupOrder.byHand("shop", "shop.db").level(1), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow();

      assertThat(second.level()).isEqualTo(1);
      assertThat(second.parentId()).isEqualTo(first.id());
      assertThat(second.bytesStored()).isLessThan(first.bytesStored() / 5);

      List<String> plans = new ArrayList<>();
      RestoreOutcome restored = coffer.restores().run(RestoreOrder.of(second.id(), "shop").targetDatabase("copy.db"),
          new SourceListener() {
            @Override
            public void planned(io.coffer.source.RestorePlan plan) {
              plans.add(plan.render());
            }
          }, ProgressListener.NONE);

      assertThat(plans).hasSize(1);
      assertThat(plans.get(0)).contains("create database copy.db from shop.db");
      assertThat(restored.recorded().orElseThrow().status().name()).isEqualTo("SUCCEEDED");
      assertThat(coffer.nodes().contents("shop", "copy.db")).isEqualTo(coffer.nodes().contents("shop", "shop.db"));
    }
  }

  @Test
  void restoreDryRun_printsPlanAndChangesNothing() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup backup = coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow();
      RestoreOutcome outcome = coffer.restores().run(RestoreOrder.of(backup.id(), "shop").targetDatabase("copy.db")
          .dryRun(), SourceListener.NONE, ProgressListener.NONE);
      assertThat(outcome.recorded()).isEmpty();
      assertThat(home.data.resolve("copy.db")).doesNotExist();
      assertThat(coffer.catalog().restores().list(10)).isEmpty();
    }
  }

  @Test
  void restoreOverExistingDatabase_refusedWithoutAFlag() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup backup = coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow();
      assertThatThrownBy(() -> coffer.restores().run(RestoreOrder.of(backup.id(), "shop"), SourceListener.NONE,
          ProgressListener.NONE))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("exists");
      assertThat(coffer.catalog().restores().list(10)).isEmpty();
    }
  }

  @Test
  void downNode_refusesManualBackup_andRecordsNothing() {
    try (Coffer coffer = home.open()) {
      coffer.nodes().update("shop", new NodeUpdate().status(NodeStatus.DOWN));
      assertThatThrownBy(() -> coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE,
          SourceListener.NONE))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("node \"shop\"").hasMessageContaining("DOWN").hasMessageContaining("RUNNING");
      assertThat(coffer.catalog().backups().list(BackupFilter.newest())).isEmpty();
    }
  }

  @Test
  void fileThatIsNotADatabase_refusedAsBadInput_andRecordsNothing() throws IOException {
    Files.writeString(home.data.resolve("notes.txt"), "not a database");
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> coffer.backups().run(BackupOrder.byHand("shop", "notes.txt"), ProgressListener.NONE,
          SourceListener.NONE))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("database \"notes.txt\"").hasMessageContaining("shop.db");
      assertThat(coffer.catalog().backups().list(BackupFilter.newest())).isEmpty();
    }
  }

  @Test
  void levelOneWithoutAParent_refused() {
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> coffer.backups().run(BackupOrder.byHand("shop", "shop.db").level(1),
          ProgressListener.NONE, SourceListener.NONE))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("level \"1\"");
    }
  }

  @Test
  void failure_isRecordedFailedWithTheReason_andReported() throws IOException {
    Files.delete(home.volume.resolve("config"));
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE,
          SourceListener.NONE))
          .isInstanceOf(BackupFailedException.class)
          .hasMessageContaining("backup 1 of node shop FAILED").hasMessageContaining("is not a Coffer volume");
      Backup row = coffer.catalog().backups().show(1);
      assertThat(row.status()).isEqualTo(BackupStatus.FAILED);
      assertThat(row.error()).contains("is not a Coffer volume");
      assertThat(row.logTail()).contains("failed: ").contains("is not a Coffer volume");
      assertThat(row.finishedAt()).isNotNull();
      assertThat(row.onDiskUntil()).isEmpty();
    }
  }

  @Test
  void deleteBackup_forgetsItInTheVolume() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup backup = coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow();
      BackupService.Deletion deletion = coffer.backups().delete(backup.id());
      assertThat(deletion.forgotten()).containsExactly(backup.manifestId());
      assertThat(deletion.failures()).isEmpty();
      assertThat(coffer.volumeOpener().open(home.volume.toString()).backups()).isEmpty();
    }
  }
}
