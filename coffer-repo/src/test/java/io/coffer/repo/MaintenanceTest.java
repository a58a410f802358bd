package io.coffer.repo;

import static io.coffer.repo.VolumeRoundTripTest.cat;
import static io.coffer.repo.VolumeRoundTripTest.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.backend.FileInfo;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.backend.MemoryBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs for every volume format: each reads and writes its own. */
@ParameterizedClass(name = "format {0}")
@EnumSource(VolumeFormat.class)
class MaintenanceTest {

  @Parameter VolumeFormat format;

  private VolumeOptions smallVolume() {
    return TestData.smallVolume().withFormat(format);
  }

  private final MemoryBackend backend = new MemoryBackend();

  private Volume newVolume() throws Exception {
    return TestData.init(backend, smallVolume(), "MaintenanceTest");
  }

  @Test
  void prune_keepsBlobsReferencedByAnyBackup() throws Exception {
    try (Volume v = newVolume()) {
      byte[] shared = TestData.dumpLike(10, 3_000_000);
      byte[] onlyFirst = TestData.dumpLike(11, 3_000_000);
      BackupSummary first;
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putStream("shared", new ByteArrayInputStream(shared));
        w.putStream("gone", new ByteArrayInputStream(onlyFirst));
        first = w.commit();
      }
      BackupSummary second = put(v, "shared", shared);
      long before = v.stats().storedBytes();
      v.forget(List.of(first.id().substring(0, 8)));
      PruneReport r = v.prune(false, ProgressListener.NONE);
      assertThat(r.bytesFreed()).isPositive();
      assertThat(v.stats().storedBytes()).isLessThan(before - r.bytesFreed() / 2);
      assertThat(cat(v, second.id(), "shared")).isEqualTo(shared);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
    }
  }

  @Test
  void prune_dryRun_changesNothing() throws Exception {
    try (Volume v = newVolume()) {
      BackupSummary s = put(v, "a", TestData.dumpLike(12, 2_000_000));
      v.forget(List.of(s.id()));
      int files = countFiles();
      PruneReport r = v.prune(true, ProgressListener.NONE);
      assertThat(r.dryRun()).isTrue();
      assertThat(r.packsDeleted()).isPositive();
      assertThat(countFiles()).isEqualTo(files);
    }
  }

  @Test
  void prune_repacksPartlyLivePacks_andEverythingStillRestores() throws Exception {
    try (Volume v = newVolume()) {
      byte[] keep = TestData.dumpLike(13, 400_000);
      byte[] drop = TestData.dumpLike(14, 1_600_000);
      BackupSummary kept;
      BackupSummary dropped;
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putStream("keep", new ByteArrayInputStream(keep));
        kept = w.commit();
      }
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putStream("drop", new ByteArrayInputStream(drop));
        dropped = w.commit();
      }
      // A third backup whose packs mix blobs of both: interleave.
      byte[] mixed = new byte[keep.length + drop.length];
      System.arraycopy(keep, 0, mixed, 0, keep.length);
      System.arraycopy(drop, 0, mixed, keep.length, drop.length);
      v.forget(List.of(dropped.id()));
      PruneReport r = v.prune(false, ProgressListener.NONE);
      assertThat(r.packsDeleted() + r.packsRepacked()).isPositive();
      assertThat(cat(v, kept.id(), "keep")).isEqualTo(keep);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
      List<FileInfo> indexes = backend.list(FileType.INDEX);
      PruneReport again = v.prune(false, ProgressListener.NONE);
      assertThat(again.packsDeleted()).isZero();
      assertThat(again.blobsRemoved()).isZero();
      assertThat(again.indexFilesReplaced()).isZero();
      assertThat(backend.list(FileType.INDEX)).as("an idle prune rewrites nothing").isEqualTo(indexes);
    }
  }

  /** Packs are verified on several threads; damage is reported in the packs' names' order all the same. */
  @Test
  void check_readData_reportsEveryDamagedPack_inTheOrderOfTheirNames() throws Exception {
    try (Volume v = newVolume()) {
      put(v, "a", TestData.dumpLike(17, 8_000_000));
    }
    List<FileInfo> packs = backend.list(FileType.PACK);
    assertThat(packs).as("a volume of several packs").hasSizeGreaterThanOrEqualTo(4);
    List<String> damaged = new ArrayList<>();
    for (int i : new int[] {0, 2, packs.size() - 1}) {
      byte[] bytes = backend.load(packs.get(i).handle());
      bytes[bytes.length / 2] ^= 0x01;
      backend.save(packs.get(i).handle(), bytes);
      damaged.add(packs.get(i).handle().path());
    }
    damaged.sort(null);
    try (Volume v = Volume.open(backend, TestData.PASSPHRASE)) {
      for (int round = 0; round < 3; round++) {
        CheckReport r = v.check(true, ProgressListener.NONE);
        assertThat(r.damages()).extracting(CheckReport.Damage::file).containsExactlyElementsOf(damaged);
        assertThat(r.damages()).allSatisfy(d -> assertThat(d.problem()).contains("does not match its name"));
      }
    }
  }

  @Test
  void check_readData_namesDamagedPackAndAffectedBackups_andCatFails() throws Exception {
    String id;
    byte[] data = TestData.dumpLike(15, 2_000_000);
    try (Volume v = newVolume()) {
      id = put(v, "a", data).id();
      put(v, "other", TestData.dumpLike(16, 10_000));
    }
    FileInfo pack = backend.list(FileType.PACK).stream().max((a, b) -> Long.compare(a.size(), b.size())).orElseThrow();
    byte[] bytes = backend.load(pack.handle());
    bytes[100] ^= 0x01;
    backend.save(pack.handle(), bytes);
    try (Volume v = Volume.open(backend, TestData.PASSPHRASE)) {
      assertThat(v.check(false, ProgressListener.NONE).ok()).isTrue();
      CheckReport r = v.check(true, ProgressListener.NONE);
      assertThat(r.ok()).isFalse();
      assertThat(r.damages()).singleElement().satisfies(d -> {
        assertThat(d.file()).isEqualTo(pack.handle().path());
        assertThat(d.affectedBackups()).containsExactly(id);
      });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(() -> {
            try (BackupReader reader = v.reader()) {
              reader.cat(id, "a", out, ProgressListener.NONE);
            }
          })
          .isInstanceOf(CorruptDataException.class)
          .hasMessageContaining(pack.handle().name());
      byte[] emitted = out.toByteArray();
      assertThat(emitted).isEqualTo(java.util.Arrays.copyOf(data, emitted.length));
    }
  }

  @Test
  void check_truncatedPack_isFoundWithoutReadingData() throws Exception {
    String id;
    try (Volume v = newVolume()) {
      id = put(v, "a", TestData.dumpLike(17, 1_500_000)).id();
    }
    FileInfo pack = backend.list(FileType.PACK).get(0);
    byte[] bytes = backend.load(pack.handle());
    backend.save(pack.handle(), java.util.Arrays.copyOf(bytes, bytes.length - 10));
    try (Volume v = Volume.open(backend, TestData.PASSPHRASE)) {
      CheckReport r = v.check(false, ProgressListener.NONE);
      assertThat(r.damages()).anySatisfy(d -> {
        assertThat(d.file()).isEqualTo(pack.handle().path());
        assertThat(d.problem()).contains("the index says");
        assertThat(d.affectedBackups()).containsExactly(id);
      });
    }
  }

  @Test
  void damagedIndex_isReported_andRepairIndexRestoresAccess() throws Exception {
    byte[] data = TestData.dumpLike(18, 1_500_000);
    String id;
    try (Volume v = newVolume()) {
      id = put(v, "a", data).id();
    }
    FileInfo index = backend.list(FileType.INDEX).get(0);
    byte[] bytes = backend.load(index.handle());
    bytes[bytes.length / 2] ^= 0x40;
    backend.save(index.handle(), bytes);
    try (Volume v = Volume.open(backend, TestData.PASSPHRASE)) {
      CheckReport r = v.check(false, ProgressListener.NONE);
      assertThat(r.damages()).anySatisfy(d -> assertThat(d.file()).isEqualTo(index.handle().path()));
      assertThat(r.damages()).anySatisfy(d -> assertThat(d.affectedBackups()).contains(id));
      RepairReport repair = v.repairIndex(ProgressListener.NONE);
      assertThat(repair.damagedPacks()).isEmpty();
      assertThat(repair.indexFilesRemoved()).isEqualTo(1);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
      assertThat(cat(v, id, "a")).isEqualTo(data);
    }
  }

  @Test
  void damagedManifest_isNamed() throws Exception {
    String id;
    try (Volume v = newVolume()) {
      id = put(v, "a", TestData.dumpLike(19, 10_000)).id();
    }
    Handle h = new Handle(FileType.BACKUP, id);
    byte[] bytes = backend.load(h);
    bytes[5] ^= 1;
    backend.save(h, bytes);
    try (Volume v = Volume.open(backend, TestData.PASSPHRASE)) {
      CheckReport r = v.check(false, ProgressListener.NONE);
      assertThat(r.damages()).singleElement().satisfies(d -> {
        assertThat(d.file()).isEqualTo("backups/" + id);
        assertThat(d.affectedBackups()).containsExactly(id);
      });
    }
  }

  @Test
  void abandonedBackup_leavesOnlyUnreferencedPacks_whichPruneRemoves() throws Exception {
    try (Volume v = newVolume()) {
      BackupSummary kept = put(v, "a", TestData.dumpLike(20, 500_000));
      BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE);
      w.putStream("never", new ByteArrayInputStream(TestData.dumpLike(21, 4_000_000)));
      w.abort();
      assertThat(backend.list(FileType.PACK)).as("packs of the abandoned backup").hasSizeGreaterThan(1);
      BackupSummary after = put(v, "again", TestData.dumpLike(21, 4_000_000));
      assertThat(after.stats().bytesNew()).as("an abandoned backup's blobs are not indexed, so they are stored again").isEqualTo(4_000_000);
      v.forget(List.of(after.id()));
      CheckReport r = v.check(true, ProgressListener.NONE);
      assertThat(r.ok()).isTrue();
      assertThat(r.unreferencedPacks()).isNotEmpty();
      PruneReport p = v.prune(false, ProgressListener.NONE);
      assertThat(p.leftoversRemoved()).isEqualTo(r.unreferencedPacks().size());
      assertThat(v.check(true, ProgressListener.NONE).unreferencedPacks()).isEmpty();
      assertThat(v.backups()).extracting(BackupInfo::id).containsExactly(kept.id());
    }
  }

  @Test
  void concurrentBackups_bothCommit_andBothRestore() throws Exception {
    try (Volume v = newVolume()) {
      byte[] a = TestData.dumpLike(22, 3_000_000);
      byte[] b = TestData.dumpLike(23, 3_000_000);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<BackupSummary> fa = pool.submit(() -> put(v, "a", a));
      Future<BackupSummary> fb = pool.submit(() -> put(v, "b", b));
      String ia = fa.get().id();
      String ib = fb.get().id();
      pool.shutdown();
      try (Volume fresh = Volume.open(backend, TestData.PASSPHRASE)) {
        assertThat(cat(fresh, ia, "a")).isEqualTo(a);
        assertThat(cat(fresh, ib, "b")).isEqualTo(b);
      }
    }
  }

  @Test
  void prune_whileABackupRuns_isRefusedWithTheHolder() throws Exception {
    try (Volume v = newVolume(); BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
      assertThatThrownBy(() -> v.prune(false, ProgressListener.NONE))
          .isInstanceOf(LockedException.class)
          .hasMessageContaining("shared lock of")
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
      assertThat(v.locks().list()).hasSize(1);
    }
  }

  @Test
  void keys_addListRemovePasswd() throws Exception {
    try (Volume v = newVolume()) {
      String added = v.keys().add(TestData.PASSPHRASE, "second".toCharArray(), io.coffer.repo.crypto.KdfParams.weakForTests());
      assertThat(v.keys().list()).hasSize(2);
      assertThatThrownBy(() -> v.keys().remove(v.keyName())).hasMessageContaining("used to open");
      try (Volume other = Volume.open(backend, "second".toCharArray())) {
        assertThat(other.keyName()).isEqualTo(added);
        other.keys().remove(v.keyName().substring(0, 8));
      }
      assertThatThrownBy(() -> Volume.open(backend, TestData.PASSPHRASE)).isInstanceOf(WrongPassphraseException.class);
    }
  }

  private int countFiles() throws Exception {
    int n = 0;
    for (FileType t : FileType.values()) {
      n += backend.list(t).size();
    }
    return n;
  }
}
