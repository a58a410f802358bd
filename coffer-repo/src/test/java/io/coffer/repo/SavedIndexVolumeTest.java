package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.backend.FaultyBackend;
import io.coffer.repo.backend.FaultyBackend.Operation;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.LocalBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume opened with an index directory saves the index it built, and the next opening reads that
 * instead of the index files; once a prune has replaced index files, the saved index is not used,
 * so a backup stores again the blobs the prune removed.
 */
class SavedIndexVolumeTest {

  @TempDir Path tmp;

  @Test
  void theNextOpening_readsOnlyTheIndexFilesTheSavedIndexLacks() throws Exception {
    Path indexes = tmp.resolve("indexes");
    byte[] a = TestData.dumpLike(11, 400_000);
    try (Volume v = Volume.init(new LocalBackend(tmp.resolve("volume")), TestData.smallVolume(), TestData.PASSPHRASE,
        TestData.masterKey("SavedIndexVolumeTest.theNextOpening"), indexes)) {
      VolumeRoundTripTest.put(v, "a", a);
    }
    FaultyBackend first = new FaultyBackend(new LocalBackend(tmp.resolve("volume")));
    long blobs;
    try (Volume v = Volume.open(first, TestData.PASSPHRASE, indexes)) {
      blobs = v.index().blobCount();
      assertThat(first.calls(Operation.LOAD, FileType.INDEX)).isPositive();
    }
    assertThat(saved(indexes)).hasSize(1);

    FaultyBackend second = new FaultyBackend(new LocalBackend(tmp.resolve("volume")));
    try (Volume v = Volume.open(second, TestData.PASSPHRASE, indexes)) {
      assertThat(v.index().blobCount()).isEqualTo(blobs);
      assertThat(second.calls(Operation.LOAD, FileType.INDEX)).isZero();
      BackupSummary again = VolumeRoundTripTest.put(v, "a", a);
      assertThat(again.stats().newBlobs()).isZero();
      assertThat(VolumeRoundTripTest.cat(v, again.id(), "a")).isEqualTo(a);
      BackupSummary other = VolumeRoundTripTest.put(v, "b", TestData.dumpLike(14, 200_000));
      blobs += other.stats().newBlobs();
    }

    // The backup of b wrote index files: the next opening reads those alone, on top of the saved index.
    FaultyBackend third = new FaultyBackend(new LocalBackend(tmp.resolve("volume")));
    try (Volume v = Volume.open(third, TestData.PASSPHRASE, indexes)) {
      assertThat(v.index().blobCount()).isEqualTo(blobs);
      int files = third.list(FileType.INDEX).size();
      assertThat(third.calls(Operation.LOAD, FileType.INDEX)).isPositive().isEqualTo(files - first.calls(Operation.LOAD, FileType.INDEX));
    }
  }

  @Test
  void afterAPrune_theSavedIndexIsNotUsed_andABackupStoresWhatThePruneRemoved() throws Exception {
    Path indexes = tmp.resolve("indexes");
    byte[] a = TestData.dumpLike(12, 400_000);
    byte[] b = TestData.dumpLike(13, 400_000);
    String aId;
    try (Volume v = Volume.init(new LocalBackend(tmp.resolve("volume")), TestData.smallVolume(), TestData.PASSPHRASE,
        TestData.masterKey("SavedIndexVolumeTest.afterAPrune"), indexes)) {
      aId = VolumeRoundTripTest.put(v, "a", a).id();
      VolumeRoundTripTest.put(v, "b", b);
    }
    try (Volume v = Volume.open(new LocalBackend(tmp.resolve("volume")), TestData.PASSPHRASE, indexes)) {
      assertThat(v.index().blobCount()).isPositive();
    }
    assertThat(saved(indexes)).hasSize(1);

    // Another process (its own index directory) forgets a and prunes: a's blobs and packs go.
    try (Volume other = Volume.open(new LocalBackend(tmp.resolve("volume")), TestData.PASSPHRASE, tmp.resolve("other"))) {
      other.forget(List.of(aId));
      other.prune(false, 1.0, ProgressListener.NONE);
    }

    try (Volume v = Volume.open(new LocalBackend(tmp.resolve("volume")), TestData.PASSPHRASE, indexes)) {
      BackupSummary again = VolumeRoundTripTest.put(v, "a", a);
      assertThat(again.stats().newBlobs()).isPositive();
      assertThat(VolumeRoundTripTest.cat(v, again.id(), "a")).isEqualTo(a);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
    }
  }

  private static List<Path> saved(Path indexes) throws IOException {
    try (Stream<Path> files = Files.list(indexes.resolve("saved"))) {
      return files.toList();
    }
  }
}
