package io.coffer.repo;

import static io.coffer.repo.VolumeRoundTripTest.cat;
import static io.coffer.repo.VolumeRoundTripTest.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.FaultyBackend;
import io.coffer.repo.backend.FaultyBackend.Operation;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prune beside other processes of the same volume (each simulated by a {@link Volume} of its own on
 * one backend): a backup that comes while a prune runs, between its mark and its sweep, cannot commit
 * anything the sweep then deletes; and a process that opened the volume before someone else pruned
 * neither stores a backup that refers to deleted packs nor fails to read what the prune repacked.
 */
class PruneConcurrencyTest {

  private final MemoryBackend memory = new MemoryBackend();

  @Test
  void aBackupBetweenThePrunesMarkAndSweep_isRefused_andNothingItOrAnyKeptBackupNeedsIsDeleted() throws Exception {
    byte[] kept = TestData.dumpLike(31, 1_500_000);
    byte[] forgotten = TestData.dumpLike(32, 1_500_000);
    String keptId;
    String forgottenId;
    try (Volume v = TestData.init(memory, TestData.smallVolume(), "PruneConcurrencyTest mark-sweep")) {
      keptId = put(v, "kept", kept).id();
      forgottenId = put(v, "gone", forgotten).id();
    }
    List<Throwable> refusals = new ArrayList<>();
    // The prune has marked what is live and is about to delete: another process backs up now, the
    // very data the prune is deleting among it.
    Backend pruning = new FaultyBackend(memory).onceBefore(Operation.REMOVE, FileType.PACK, () -> {
      try (Volume other = Volume.open(memory, TestData.PASSPHRASE)) {
        put(other, "gone-again", forgotten);
      } catch (Exception e) {
        refusals.add(e);
      }
    });
    try (Volume v = Volume.open(pruning, TestData.PASSPHRASE)) {
      v.forget(List.of(forgottenId));
      PruneReport report = v.prune(false, ProgressListener.NONE);
      assertThat(report.packsDeleted()).as("the prune deleted the forgotten backup's packs").isPositive();
    }

    assertThat(refusals).as("the backup that came during the prune").singleElement()
        .isInstanceOf(LockedException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("exclusive lock of"));
    try (Volume v = Volume.open(memory, TestData.PASSPHRASE)) {
      assertThat(v.backups()).extracting(BackupInfo::id).as("it committed nothing").containsExactly(keptId);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
      assertThat(cat(v, keptId, "kept")).isEqualTo(kept);
      String again = put(v, "gone-again", forgotten).id();
      assertThat(cat(v, again, "gone-again")).isEqualTo(forgotten);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
    }
  }

  @Test
  void aProcessThatOpenedTheVolumeBeforeAnotherPruned_storesAgainWhatThePruneDeleted() throws Exception {
    byte[] data = TestData.dumpLike(33, 2_000_000);
    try (Volume agent = TestData.init(memory, TestData.smallVolume(), "PruneConcurrencyTest stale writer")) {
      String first = put(agent, "db", data).id();
      try (Volume other = Volume.open(memory, TestData.PASSPHRASE)) {
        other.forget(List.of(first));
        assertThat(other.prune(false, ProgressListener.NONE).packsDeleted()).isPositive();
      }

      BackupSummary second = put(agent, "db", data);

      assertThat(second.stats().bytesNew()).as("the data the prune deleted is stored again").isEqualTo(data.length);
      try (Volume fresh = Volume.open(memory, TestData.PASSPHRASE)) {
        assertThat(fresh.check(true, ProgressListener.NONE).ok()).isTrue();
        assertThat(cat(fresh, second.id(), "db")).isEqualTo(data);
      }
    }
  }

  @Test
  void aProcessThatOpenedTheVolumeBeforeAnotherRepacked_readsTheKeptBackupFromItsNewPacks() throws Exception {
    byte[] keep = TestData.dumpLike(34, 300_000);
    byte[] drop = TestData.dumpLike(35, 1_500_000);
    try (Volume agent = TestData.init(memory, TestData.smallVolume(), "PruneConcurrencyTest stale reader")) {
      String kept;
      String dropped;
      // One backup of both streams shares packs between them, so dropping one repacks the other.
      try (BackupWriter w = agent.newBackup(java.util.Map.of(), ProgressListener.NONE)) {
        w.putStream("keep", new java.io.ByteArrayInputStream(keep));
        w.putStream("drop", new java.io.ByteArrayInputStream(drop));
        dropped = w.commit().id();
      }
      kept = put(agent, "keep", keep).id();
      assertThat(cat(agent, kept, "keep")).isEqualTo(keep);
      List<String> packsBefore = names(FileType.PACK);
      try (Volume other = Volume.open(memory, TestData.PASSPHRASE)) {
        other.forget(List.of(dropped));
        assertThat(other.prune(false, ProgressListener.NONE).packsRepacked()).as("packs repacked").isPositive();
      }
      List<String> packsAfter = names(FileType.PACK);
      assertThat(packsBefore).as("packs the agent's index names that are gone").anyMatch(p -> !packsAfter.contains(p));

      assertThat(cat(agent, kept, "keep")).isEqualTo(keep);
      assertThat(agent.check(true, ProgressListener.NONE).ok()).isTrue();
    }
  }

  @Test
  void aPruneWhileABackupIsBeingRead_isRefused_soTheReaderNeverLosesAPack() throws Exception {
    try (Volume v = TestData.init(memory, TestData.smallVolume(), "PruneConcurrencyTest reader lock")) {
      String id = put(v, "a", TestData.dumpLike(36, 500_000)).id();
      String other = put(v, "b", TestData.dumpLike(37, 500_000)).id();
      v.forget(List.of(other));
      try (BackupReader reader = v.reader()) {
        assertThatThrownBy(() -> v.prune(false, ProgressListener.NONE)).isInstanceOf(LockedException.class)
            .hasMessageContaining("shared lock of");
        assertThat(reader.open(id, "a").readAllBytes()).hasSize(500_000);
      }
      assertThat(v.locks().list()).as("the reader released its lock").isEmpty();
      assertThat(v.prune(false, ProgressListener.NONE).packsDeleted()).isPositive();
    }
  }

  private List<String> names(FileType type) {
    return memory.list(type).stream().map(f -> f.handle().name()).toList();
  }
}
