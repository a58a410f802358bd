package io.coffer.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.backup.Backup;
import io.coffer.engine.Coffer;
import io.coffer.engine.EngineException;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.repo.BackupInfo;
import io.coffer.repo.BackupWriter;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.TestData;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeOptions;
import io.coffer.source.SourceListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forgetting and pruning a volume by hand through the engine, as the CLI, the server and the agent
 * would: a backup the catalog records is never forgotten or freed behind its back.
 */
class VolumeServiceTest {

  @TempDir Path tmp;

  private static String putNotes(Volume volume) throws IOException {
    try (BackupWriter writer = volume.newBackup(Map.of(), ProgressListener.NONE)) {
      writer.putStream("notes", new ByteArrayInputStream("notes".getBytes()));
      return writer.commit().id();
    }
  }

  @Test
  void forget_refusesABackupTheCatalogRecords_andForgetsOneItDoesNot() throws IOException {
    TestHome home = new TestHome(tmp);
    home.setUp(200_000);
    try (Coffer coffer = home.open()) {
      Backup backup = coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow();
      String location = home.volume.toString();
      String notes = putNotes(coffer.volumeOpener().open(location));

      assertThatThrownBy(() -> coffer.volumeService().forget(location, List.of(notes, backup.manifestId()), false))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("backup " + backup.id() + " (manifest " + backup.manifestId().substring(0, 12) + ")")
          .hasMessageContaining("coffer backup delete " + backup.id());
      assertThat(coffer.volumeOpener().open(location).backups()).extracting(BackupInfo::id)
          .as("a refusal forgets none of them").contains(notes, backup.manifestId());

      assertThat(coffer.volumeService().forget(location, List.of(notes.substring(0, 8)), false)).containsExactly(notes);
      assertThat(coffer.volumeOpener().open(location).backups()).extracting(BackupInfo::id)
          .containsExactly(backup.manifestId());
    }
  }

  @Test
  void prune_isRefusedWhileTheCatalogRecordsAManifestTheVolumeLacks() throws IOException {
    TestHome home = new TestHome(tmp);
    home.setUp(200_000);
    try (Coffer coffer = home.open()) {
      Backup backup = coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow();
      Files.delete(home.volume.resolve("backups").resolve(backup.manifestId()));

      assertThatThrownBy(() -> coffer.volumeService().prune(home.volume.toString(), false, ProgressListener.NONE))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("lacks the manifests of backup " + backup.id())
          .hasMessageContaining("coffer catalog rebuild --volume vault --forget-missing");
    }
  }

  @Test
  void withoutACatalog_anUnregisteredVolumeIsForgottenAndPruned_andNoCatalogIsCreated() throws IOException {
    TestHome home = new TestHome(tmp);
    try (Coffer coffer = home.open()) {
      String location = home.volume.toString();
      try (Volume created = coffer.volumeOpener().create(location, VolumeOptions.defaults().withEncryption(false), null,
          TestData.masterKeys("VolumeServiceTest"))) {
        created.config();
      }
      String notes = putNotes(coffer.volumeOpener().open(location));

      assertThat(coffer.volumeService().forget(location, List.of(notes), false)).containsExactly(notes);
      assertThat(coffer.volumeService().prune(location, false, ProgressListener.NONE).packsDeleted()).isPositive();
      assertThat(coffer.config().catalogFile()).doesNotExist();
    }
  }
}
