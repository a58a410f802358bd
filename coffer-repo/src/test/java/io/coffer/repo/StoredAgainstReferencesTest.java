package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.backend.MemoryBackend;
import io.coffer.repo.index.Location;
import io.coffer.repo.index.MasterIndex;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.tree.RestoreOptions;
import io.coffer.repo.tree.TreeOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 3: a level backup stores the changed chunks of a changed file against the chunks at their
 * places in the file's earlier version; every backup still restores alone, prune keeps what they
 * were stored against, check reads them, and format 2 volumes store chunks whole.
 */
class StoredAgainstReferencesTest {

  private static final int PAGE = 8192;
  private static final int PAGES = 512;

  @TempDir Path tmp;
  private final MemoryBackend backend = new MemoryBackend();
  private Volume volume;

  @AfterEach
  void close() throws Exception {
    if (volume != null) {
      volume.close();
    }
  }

  /** The backed-up directory, and its one table file. */
  private Path src;
  private Path file;

  /** A volume of the format, and a directory holding one table file of {@link #PAGES} pages. */
  private void open(VolumeFormat format) throws IOException {
    volume = TestData.init(backend, TestData.smallVolume().withFormat(format), "StoredAgainstReferencesTest");
    src = table();
    file = src.resolve("base/1/16384");
  }

  /** A level backup on {@code previous} after {@link #update}. */
  private Manifest levelAfterUpdating(Manifest previous, int every, int at) throws IOException {
    update(file, every, at);
    return backup(src, previous);
  }

  private Path table() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/base/1"));
    Random r = new Random(7);
    byte[] file = new byte[PAGES * PAGE];
    for (int i = 0; i < file.length; i++) {
      // Like a heap page: rows of half random, half repeated bytes; every page different.
      file[i] = (byte) (i % 64 < 32 ? r.nextInt() : 'a' + (i / 64) % 5);
    }
    Files.write(src.resolve("16384"), file);
    Files.writeString(src.resolve("PG_VERSION"), "15\n");
    return tmp.resolve("src");
  }

  /** Rewrites 8 bytes in every {@code every}-th page (a row's header, as an update sets its xmax). */
  private static void update(Path file, int every, int at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      for (int p = 0; p < PAGES; p += every) {
        f.seek((long) p * PAGE + at);
        f.write(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) p});
      }
    }
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
  }

  /** The ids of the backups made, by their manifests. */
  private final Map<Manifest, String> ids = new java.util.IdentityHashMap<>();

  private Manifest backup(Path dir, Manifest previous) throws IOException {
    TreeOptions options = previous == null ? TreeOptions.full() : TreeOptions.full().withPrevious(previous.entry("data").tree());
    try (BackupWriter w = volume.newBackup(Map.of(), ProgressListener.NONE)) {
      w.putTree("data", dir, options);
      String id = w.commit().id();
      Manifest m = volume.manifest(id);
      ids.put(m, id);
      return m;
    }
  }

  private Path restore(Manifest m, String name) throws IOException {
    Path out = tmp.resolve(name);
    try (BackupReader r = volume.reader()) {
      r.restoreTree("0123456789abcdef", m.entry("data"), out, RestoreOptions.defaults(), ProgressListener.NONE);
    }
    return out;
  }

  /** Where the first blob stored against references is, and (first) what it was stored against. */
  private record Delta(Location location, BlobId firstReference) {}

  private Delta firstDelta() throws IOException {
    try (MasterIndex index = volume.currentIndex()) {
      int delta = 0;
      while (index.type(delta) != BlobType.DELTA) {
        delta++;
      }
      Location l = index.location(delta);
      return new Delta(l, new BlobReader(volume, index).referencesOf(l).get(0));
    }
  }

  /** The table file as the backup restores it. */
  private Path restoredTable(Manifest m, String name) throws IOException {
    return restore(m, name).resolve("base/1/16384");
  }

  private long deltaBlobs() throws IOException {
    try (MasterIndex index = volume.currentIndex()) {
      long n = 0;
      for (int r = 0; r < index.blobCount(); r++) {
        n += index.type(r) == BlobType.DELTA ? 1 : 0;
      }
      return n;
    }
  }

  @Test
  void level_storesChangedPagesAsTheirChanges_andEachBackupRestoresAlone() throws Exception {
    open(VolumeFormat.V3);
    byte[] before = Files.readAllBytes(file);
    Manifest full = backup(src, null);
    Manifest level = levelAfterUpdating(full, 3, 100);
    byte[] after = Files.readAllBytes(file);

    long fullStored = full.stats().bytesStored();
    long levelStored = level.stats().bytesStored();
    // A third of the pages changed, so a sixth of the chunks (4 KiB on average) and a sixth of the
    // bytes, yet the level stores a few percent of the full: the changes, the id lists and the trees.
    assertThat(level.stats().newBlobs()).isGreaterThan(PAGES / 3);
    assertThat(levelStored).isLessThan(fullStored / 20);
    assertThat(deltaBlobs()).isEqualTo(level.stats().newBlobs());
    assertThat(restoredTable(full, "full")).hasBinaryContent(before);
    assertThat(restoredTable(level, "level")).hasBinaryContent(after);
    assertThat(volume.check(true, ProgressListener.NONE).damages()).isEmpty();
  }

  /**
   * Every chunk changed (8 bytes in every KiB): a segment of changes then has references that lie one
   * after the other in one segment of the full backup, which a restore reads in place, while others
   * have references in two segments, copied together; its runs of changes, chained into one task,
   * restore as the others do. (A third of the pages changed, above, gives references with unchanged
   * chunks between them.)
   */
  @Test
  void everyChunkChanged_referencesAdjoinInOneSegment_andEachBackupRestores() throws Exception {
    open(VolumeFormat.V3);
    byte[] before = Files.readAllBytes(file);
    Manifest full = backup(src, null);
    for (int at = 100; at < PAGE; at += 1024) {
      update(file, 1, at);
    }
    Manifest level = backup(src, full);
    byte[] after = Files.readAllBytes(file);

    int[] adjoining = new int[2];
    try (MasterIndex index = volume.currentIndex()) {
      new ReferenceLists(volume).forEach(index, r -> true, (segment, refs) -> {
        boolean inPlace = true;
        for (int i = 1; i < refs.size(); i++) {
          Location a = index.find(refs.get(i - 1));
          Location b = index.find(refs.get(i));
          inPlace &= a.pack().equals(b.pack()) && a.segmentOffset() == b.segmentOffset()
              && b.offsetInSegment() == a.offsetInSegment() + a.length();
        }
        adjoining[inPlace ? 0 : 1]++;
      });
    }
    assertThat(adjoining[0]).as("segments of changes whose references adjoin in one segment").isPositive();
    assertThat(adjoining[1]).as("segments of changes whose references do not").isPositive();
    assertThat(restoredTable(level, "level")).hasBinaryContent(after);
    assertThat(restoredTable(full, "full")).hasBinaryContent(before);
  }

  /**
   * A segment of changes is closed before its references would lie in more than {@link
   * BlobStore#REFERENCE_SEGMENTS} segments: a restore decodes each of them to decode it. Small
   * segments here, so that a third of the pages changed spread the references over dozens.
   */
  @Test
  void aSegmentOfChanges_hasItsReferencesInAFewSegments() throws Exception {
    VolumeOptions small = TestData.smallVolume();
    volume = TestData.init(backend, new VolumeOptions(small.chunker(), small.compressionLevel(), small.treeChunker(),
        small.treeCompressionLevel(), small.packSize(),
        64 << 10, small.encrypted(), small.kdf(), VolumeFormat.V3), "StoredAgainstReferencesTest.segments");
    src = table();
    file = src.resolve("base/1/16384");
    Manifest full = backup(src, null);
    Manifest level = levelAfterUpdating(full, 3, 100);
    byte[] after = Files.readAllBytes(file);

    Map<String, java.util.Set<String>> referenced = new java.util.HashMap<>();
    try (MasterIndex index = volume.currentIndex()) {
      BlobReader reader = new BlobReader(volume, index);
      for (int r = 0; r < index.blobCount(); r++) {
        if (index.type(r) == BlobType.DELTA) {
          Location delta = index.location(r);
          java.util.Set<String> segments = referenced.computeIfAbsent(delta.pack() + ":" + delta.segmentOffset(),
              k -> new java.util.HashSet<>());
          for (BlobId ref : reader.referencesOf(delta)) {
            Location l = index.find(ref);
            segments.add(l.pack() + ":" + l.segmentOffset());
          }
        }
      }
    }
    assertThat(referenced.size()).as("segments of changes").isGreaterThan(3);
    assertThat(referenced.values()).allSatisfy(segments ->
        assertThat(segments).hasSizeBetween(1, BlobStore.REFERENCE_SEGMENTS));
    assertThat(restoredTable(level, "level")).hasBinaryContent(after);
  }

  @Test
  void aLevelOnALevel_storesAgainstTheFullsChunks_neverAgainstChanges() throws Exception {
    open(VolumeFormat.V3);
    Manifest full = backup(src, null);
    Manifest one = levelAfterUpdating(full, 2, 200);
    Manifest two = levelAfterUpdating(one, 2, 4000);
    byte[] last = Files.readAllBytes(file);

    assertThat(two.stats().bytesStored()).isLessThan(full.stats().bytesStored() / 10);
    try (MasterIndex index = volume.currentIndex()) {
      BlobReader reader = new BlobReader(volume, index);
      for (int r = 0; r < index.blobCount(); r++) {
        if (index.type(r) == BlobType.DELTA) {
          for (BlobId ref : reader.referencesOf(index.location(r))) {
            assertThat(index.find(ref).type()).as("a reference of a delta blob").isEqualTo(BlobType.DATA);
          }
        }
      }
    }
    assertThat(restoredTable(two, "two")).hasBinaryContent(last);
  }

  @Test
  void prune_keepsWhatLiveChangesWereStoredAgainst_andRepacksChangesWhole() throws Exception {
    open(VolumeFormat.V3);
    Manifest full = backup(src, null);
    Manifest one = levelAfterUpdating(full, 3, 100);
    Manifest two = levelAfterUpdating(one, 2, 4000);
    byte[] last = Files.readAllBytes(file);

    volume.forget(List.of(ids.get(full)));
    volume.prune(false, ProgressListener.NONE);
    assertThat(restoredTable(two, "after-prune")).hasBinaryContent(last);
    assertThat(volume.check(true, ProgressListener.NONE).damages()).isEmpty();

    // Without the first level, its pack of changes is partly dead (the pages the second changed
    // again): repacking decodes the live ones and stores them whole.
    volume.forget(List.of(ids.get(one)));
    long before = deltaBlobs();
    PruneReport report = volume.prune(false, 1.0, ProgressListener.NONE);
    assertThat(report.packsRepacked()).isPositive();
    assertThat(deltaBlobs()).isLessThan(before);
    assertThat(restoredTable(two, "after-repack")).hasBinaryContent(last);
    assertThat(volume.check(true, ProgressListener.NONE).damages()).isEmpty();
  }

  @Test
  void aLostReference_isReportedByCheck_withTheBackupsItBreaks_andARestoreFailsNamingIt() throws Exception {
    open(VolumeFormat.V3);
    Manifest full = backup(src, null);
    Manifest level = levelAfterUpdating(full, 3, 100);

    // Remove the pack holding the first reference of the first blob stored against references.
    Delta delta = firstDelta();
    String deltaPack = delta.location().pack();
    String referencePack;
    try (MasterIndex index = volume.currentIndex()) {
      referencePack = index.find(delta.firstReference()).pack();
    }
    backend.remove(new Handle(FileType.PACK, referencePack));

    // The structural check sees it: the pack of changes is damaged too, and the level is affected.
    CheckReport check = volume.check(false, ProgressListener.NONE);
    assertThat(check.damages()).extracting(CheckReport.Damage::file)
        .contains(new Handle(FileType.PACK, referencePack).path(), new Handle(FileType.PACK, deltaPack).path());
    CheckReport.Damage changes = check.damages().stream()
        .filter(d -> d.file().equals(new Handle(FileType.PACK, deltaPack).path())).findFirst().orElseThrow();
    assertThat(changes.problem()).contains("stored against blob").contains("damaged");
    assertThat(changes.affectedBackups()).contains(ids.get(level));
    assertThat(volume.check(true, ProgressListener.NONE).damages()).isNotEmpty();
    assertThatThrownBy(() -> restore(level, "broken")).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void aDamagedPackOfChanges_isReportedByTheStructuralCheck() throws Exception {
    open(VolumeFormat.V3);
    Manifest full = backup(src, null);
    Manifest level = levelAfterUpdating(full, 3, 100);
    Delta delta = firstDelta();
    Handle pack = new Handle(FileType.PACK, delta.location().pack());
    byte[] bytes = backend.load(pack);
    bytes[delta.location().segmentOffset() + 20] ^= 1;
    backend.remove(pack);
    backend.save(pack, bytes);

    CheckReport check = volume.check(false, ProgressListener.NONE);
    assertThat(check.damages()).extracting(CheckReport.Damage::file).containsExactly(pack.path());
    assertThat(check.damages().get(0).problem()).contains("damaged at offset");
    assertThat(check.damages().get(0).affectedBackups()).containsExactly(ids.get(level));
  }

  @Test
  void aLevelOnADamagedFull_storesItsChangedChunksWhole_andCommits() throws Exception {
    open(VolumeFormat.V3);
    Manifest full = backup(src, null);
    try (MasterIndex index = volume.currentIndex()) {
      java.util.Set<String> dataPacks = new java.util.HashSet<>();
      for (int r = 0; r < index.blobCount(); r++) {
        if (index.type(r) == BlobType.DATA) {
          dataPacks.add(index.location(r).pack());
        }
      }
      for (String pack : dataPacks) {
        backend.remove(new Handle(FileType.PACK, pack));
      }
    }
    Manifest level = levelAfterUpdating(full, 3, 100);

    assertThat(level.stats().newBlobs()).isGreaterThan(PAGES / 3);
    assertThat(deltaBlobs()).isZero();
    assertThat(level.stats().bytesStored()).isGreaterThan(full.stats().bytesStored() / 8);
  }

  @Test
  void aFormat2Volume_storesChangedChunksWhole() throws Exception {
    open(VolumeFormat.V2);
    Manifest full = backup(src, null);
    Manifest level = levelAfterUpdating(full, 3, 100);
    byte[] after = Files.readAllBytes(file);

    assertThat(deltaBlobs()).isZero();
    assertThat(level.stats().bytesStored()).isGreaterThan(full.stats().bytesStored() / 8);
    assertThat(restoredTable(level, "level")).hasBinaryContent(after);
  }
}
