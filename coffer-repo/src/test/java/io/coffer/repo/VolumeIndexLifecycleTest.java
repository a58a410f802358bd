package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.index.Mappings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume's index lives in mapped files of its index directory: closing the volume unmaps them, and
 * a reload leaves a running backup or restore the index it started with (counted in /proc, Linux).
 * Openings after the first read the index saved there (SavedIndexVolumeTest) and unmap it all the same.
 */
@EnabledOnOs(OS.LINUX)
class VolumeIndexLifecycleTest {

  @TempDir Path tmp;
  private Path indexes;

  @BeforeEach
  void indexDirectory() {
    indexes = tmp.resolve("indexes");
  }

  @Test
  void openingAndClosingHundredsOfVolumes_leavesNoMappingOrDescriptorBehind() throws Exception {
    try (Volume v = init("VolumeIndexLifecycleTest.openingAndClosingHundredsOfVolumes")) {
      put(v, "a", TestData.dumpLike(1, 300_000));
      assertThat(Mappings.in(indexes)).isPositive();
    }
    assertThat(Mappings.in(indexes)).isZero();
    long descriptors = Mappings.descriptors();
    for (int i = 0; i < 300; i++) {
      try (Volume v = Volume.open(new LocalBackend(tmp.resolve("volume")), TestData.PASSPHRASE, indexes)) {
        assertThat(v.index().blobCount()).isPositive();
      }
    }
    assertThat(Mappings.in(indexes)).isZero();
    assertThat(Mappings.descriptors()).isLessThanOrEqualTo(descriptors + 2);
    // No region's file is left; the index saved for the next opening is the one file there.
    assertThat(Mappings.files(indexes)).containsExactly(indexes.resolve("saved"));
    assertThat(Mappings.files(indexes.resolve("saved"))).hasSize(1);
  }

  @Test
  void aReloadedIndex_staysMappedForTheReaderThatHoldsIt_untilItCloses() throws Exception {
    byte[] data = TestData.dumpLike(2, 300_000);
    try (Volume v = init("VolumeIndexLifecycleTest.aReloadedIndex")) {
      String id = put(v, "a", data).id();
      long volumeOnly = Mappings.in(indexes);
      try (BackupReader reader = v.reader()) {
        v.reloadIndex();
        assertThat(v.index().blobCount()).isPositive();
        assertThat(Mappings.in(indexes)).isEqualTo(2 * volumeOnly);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.cat(id, "a", out, ProgressListener.NONE);
        assertThat(out.toByteArray()).isEqualTo(data);
        reader.close();
        assertThat(Mappings.in(indexes)).isEqualTo(volumeOnly);
      }
      assertThat(Mappings.in(indexes)).isEqualTo(volumeOnly);
    }
    assertThat(Mappings.in(indexes)).isZero();
  }

  @Test
  void aBackupRunningAcrossAReload_keepsItsIndex_andCommits() throws Exception {
    byte[] data = TestData.dumpLike(3, 300_000);
    try (Volume v = init("VolumeIndexLifecycleTest.aBackupRunningAcrossAReload")) {
      put(v, "a", data);
      BackupSummary second;
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        v.reloadIndex();
        w.putStream("a", new ByteArrayInputStream(data));
        second = w.commit();
      }
      assertThat(second.stats().newBlobs()).isZero();
      assertThat(VolumeRoundTripTest.cat(v, second.id(), "a")).isEqualTo(data);
    }
    assertThat(Mappings.in(indexes)).isZero();
  }

  /** A new volume in {@code tmp}, its indexes mapped in {@link #indexes}. */
  private Volume init(String purpose) throws Exception {
    return Volume.init(new LocalBackend(tmp.resolve("volume")), TestData.smallVolume(), TestData.PASSPHRASE, TestData.masterKey(purpose), indexes);
  }

  private static BackupSummary put(Volume v, String name, byte[] data) throws Exception {
    return VolumeRoundTripTest.put(v, name, data);
  }
}
