package io.coffer.repo.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.BlobId;
import io.coffer.repo.BlobType;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.pack.SegmentInfo;
import io.coffer.testing.Seeds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The index saved between commands: read back it finds every blob where the index files put it, and
 * it is refused (null, nothing thrown) when the volume lost an index file it was built from, when it
 * is damaged or cut short, or when it is of another format.
 */
class SavedIndexTest {

  @TempDir Path tmp;

  /** Index file "names" and the packs each describes. */
  private record Built(MasterIndex index, List<PackRecord> packs, Set<String> files) {}

  @ParameterizedTest
  @EnumSource(VolumeFormat.class)
  void aSavedIndex_readBack_findsEveryBlobWhereItWas_andTakesAdditions(VolumeFormat format) throws IOException {
    Random r = Seeds.random("SavedIndexTest.aSavedIndex_readBack." + format);
    // More than one page of records (65,536) and more than one doubling of the slots.
    Built built = build(format, r, 90, 1000);
    SavedIndex saved = new SavedIndex(tmp.resolve("saved"), tmp);
    saved.save("volume", built.index, built.files);

    SavedIndex.Loaded loaded = saved.load("volume", format, Set.of("f0", "f1", "f2", "other"));
    assertThat(loaded).isNotNull();
    try (MasterIndex again = loaded.index(); MasterIndex original = built.index) {
      assertThat(loaded.files()).isEqualTo(built.files);
      assertThat(again.blobCount()).isEqualTo(original.blobCount()).isEqualTo(90_000);
      assertThat(again.packs()).isEqualTo(original.packs());
      for (PackRecord p : built.packs) {
        assertThat(again.packSize(p.name())).isEqualTo(p.size());
        for (SegmentInfo s : p.segments()) {
          for (int b = 0; b < s.blobCount(); b++) {
            BlobId id = BlobId.of(java.util.Arrays.copyOfRange(s.ids(), b * format.idLength(), (b + 1) * format.idLength()));
            assertThat(again.find(id)).isEqualTo(original.find(id)).isNotNull();
          }
        }
      }
      byte[] unknown = new byte[format.idLength()];
      r.nextBytes(unknown);
      assertThat(again.find(BlobId.of(unknown))).isNull();

      PackRecord more = pack(format, r, "later", 5000);
      again.addPack(more);
      assertThat(again.blobCount()).isEqualTo(95_000);
      assertThat(again.find(firstId(format, more))).isNotNull()
          .extracting(Location::pack).isEqualTo("later");
    }
  }

  @Test
  void anIndexBuiltFromAFileTheVolumeNoLongerLists_isNotUsed() {
    Built built = build(VolumeFormat.V2, Seeds.random("SavedIndexTest.stale"), 3, 100);
    SavedIndex saved = new SavedIndex(tmp.resolve("saved"), tmp);
    saved.save("volume", built.index, built.files);
    built.index.close();

    assertThat(saved.load("volume", VolumeFormat.V2, Set.of("f0", "f2", "f3"))).isNull();
    assertThat(saved.load("volume", VolumeFormat.V1, built.files)).isNull();
    assertThat(saved.load("another volume", VolumeFormat.V2, built.files)).isNull();
    SavedIndex.Loaded whole = saved.load("volume", VolumeFormat.V2, built.files);
    assertThat(whole).isNotNull();
    whole.index().close();
  }

  @Test
  void aDamagedOrShortenedOrLengthenedTable_isNotUsed() throws IOException {
    Random r = Seeds.random("SavedIndexTest.damaged");
    Built built = build(VolumeFormat.V1, r, 4, 500);
    SavedIndex saved = new SavedIndex(tmp.resolve("saved"), tmp);
    saved.save("volume", built.index, built.files);
    built.index.close();
    Path file = tmp.resolve("saved").resolve("volume");
    byte[] good = Files.readAllBytes(file);

    for (int i = 0; i < 40; i++) {
      byte[] bad = good.clone();
      int at = r.nextInt(bad.length);
      bad[at] ^= (byte) (1 << r.nextInt(8));
      Files.write(file, bad);
      assertThat(saved.load("volume", VolumeFormat.V1, built.files)).as("bit flipped at %d", at).isNull();
    }
    Files.write(file, java.util.Arrays.copyOf(good, good.length - 1));
    assertThat(saved.load("volume", VolumeFormat.V1, built.files)).isNull();
    Files.write(file, java.util.Arrays.copyOf(good, good.length + 8));
    assertThat(saved.load("volume", VolumeFormat.V1, built.files)).isNull();
    Files.write(file, new byte[0]);
    assertThat(saved.load("volume", VolumeFormat.V1, built.files)).isNull();
    // A header claiming more records than the file holds is refused by its size, before any mapping.
    byte[] claims = good.clone();
    ByteBuffer.wrap(claims).order(ByteOrder.LITTLE_ENDIAN).putInt(16, Integer.MAX_VALUE);
    Files.write(file, claims);
    assertThat(saved.load("volume", VolumeFormat.V1, built.files)).isNull();

    // Counts of names and packs beyond what the header holds are refused before anything is allocated.
    ByteBuffer header = ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN);
    int filesAt = 12 + 4 + 4 + 8;
    int packsAt = filesAt + 4;
    for (int f = 0; f < header.getInt(filesAt); f++) {
      packsAt += 2 + Short.toUnsignedInt(header.getShort(packsAt));
    }
    for (int at : new int[] {filesAt, packsAt}) {
      for (int count : new int[] {Integer.MAX_VALUE, 1 << 30, -1}) {
        byte[] counted = good.clone();
        ByteBuffer.wrap(counted).order(ByteOrder.LITTLE_ENDIAN).putInt(at, count);
        Files.write(file, counted);
        assertThat(saved.load("volume", VolumeFormat.V1, built.files)).isNull();
      }
    }

    Files.write(file, good);
    SavedIndex.Loaded restored = saved.load("volume", VolumeFormat.V1, built.files);
    assertThat(restored).isNotNull();
    restored.index().close();
  }

  @Test
  void savingWhereNothingCanBeWritten_leavesNoTable_andThrowsNothing() throws IOException {
    Built built = build(VolumeFormat.V2, Seeds.random("SavedIndexTest.unwritable"), 2, 10);
    Files.writeString(tmp.resolve("saved"), "a file where the directory would be");
    SavedIndex saved = new SavedIndex(tmp.resolve("saved"), tmp);
    saved.save("volume", built.index, built.files);
    built.index.close();
    assertThat(saved.load("volume", VolumeFormat.V2, built.files)).isNull();
  }

  @Test
  void partsOfSavesCutShortAnHourAgo_areDeletedByTheNextSave_andNewerOnesKept() throws IOException {
    Built built = build(VolumeFormat.V2, Seeds.random("SavedIndexTest.parts"), 3, 10);
    Path dir = Files.createDirectories(tmp.resolve("saved"));
    Path old = Files.writeString(dir.resolve("volume.123.part"), "cut short");
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
    Path recent = Files.writeString(dir.resolve("volume.456.part"), "being written by another process");
    Path otherVolume = Files.writeString(dir.resolve("other.789.part"), "another volume's");
    Files.setLastModifiedTime(otherVolume, java.nio.file.attribute.FileTime.fromMillis(0));

    new SavedIndex(dir, tmp).save("volume", built.index, built.files);
    built.index.close();

    assertThat(old).doesNotExist();
    assertThat(recent).exists();
    assertThat(otherVolume).exists();
    assertThat(dir.resolve("volume")).exists();
  }

  @Test
  void anEmptyIndex_isSavedAndReadBack() {
    SavedIndex saved = new SavedIndex(tmp.resolve("saved"), tmp);
    try (MasterIndex empty = new MasterIndex(tmp, VolumeFormat.V2)) {
      saved.save("volume", empty, Set.of());
    }
    SavedIndex.Loaded loaded = saved.load("volume", VolumeFormat.V2, Set.of());
    assertThat(loaded).isNotNull();
    try (MasterIndex index = loaded.index()) {
      assertThat(index.blobCount()).isZero();
      assertThat(index.packs()).isEmpty();
    }
  }

  /** An index of {@code packs} packs of {@code blobsPerPack} blobs, every third pack in the same "index file". */
  private Built build(VolumeFormat format, Random r, int packs, int blobsPerPack) {
    MasterIndex index = new MasterIndex(tmp, format);
    List<PackRecord> records = new ArrayList<>();
    Set<String> files = new java.util.HashSet<>();
    for (int p = 0; p < packs; p++) {
      PackRecord pack = pack(format, r, String.format("%064x", p), blobsPerPack);
      records.add(pack);
      index.addPack(pack);
      files.add("f" + p % 3);
    }
    return new Built(index, records, files);
  }

  private static PackRecord pack(VolumeFormat format, Random r, String name, int blobs) {
    List<SegmentInfo> segments = new ArrayList<>();
    long offset = 0;
    for (int left = blobs; left > 0; ) {
      int n = Math.min(left, 1 + r.nextInt(200));
      byte[] ids = new byte[n * format.idLength()];
      r.nextBytes(ids);
      int[] lengths = new int[n];
      int plain = 0;
      for (int i = 0; i < n; i++) {
        lengths[i] = 1 + r.nextInt(60_000);
        plain += lengths[i];
      }
      int stored = 16 + r.nextInt(plain);
      segments.add(new SegmentInfo(r.nextBoolean() ? BlobType.DATA : BlobType.META, offset, stored, plain, ids, lengths));
      offset += stored;
      left -= n;
    }
    return new PackRecord(name, offset, segments);
  }

  private static BlobId firstId(VolumeFormat format, PackRecord p) {
    return BlobId.of(java.util.Arrays.copyOf(p.segments().get(0).ids(), format.idLength()));
  }
}
