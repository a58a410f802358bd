package io.coffer.repo.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.BlobId;
import io.coffer.repo.VolumeFormat;
import io.coffer.testing.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Where the index's regions live and when they go: counted in /proc/self/maps (Linux). */
@EnabledOnOs(OS.LINUX)
class IndexMappingTest {

  @TempDir Path dir;

  @Test
  void close_unmapsEveryRegion_andNoFileIsLeftEvenWhileMapped() throws IOException {
    CompactIndex index = new CompactIndex(dir);
    byte[] ids = addRandom(index, 150_000, "IndexMappingTest.close_unmapsEveryRegion");
    assertThat(mappings()).isEqualTo(3 + 1); // three pages of records, one slot table
    assertThat(Mappings.files(dir)).isEmpty();
    index.close();
    assertThat(mappings()).isZero();
    assertThat(index.size()).isZero();
    assertThat(index.find(ids, 0)).isEqualTo(-1);
    assertThatThrownBy(() -> index.add(ids, 0, 0, 0, 0, 0, 0, (byte) 0)).isInstanceOf(IllegalStateException.class);
    index.close();
  }

  @Test
  void anEmptyIndex_mapsNothing() throws IOException {
    try (CompactIndex index = new CompactIndex(dir)) {
      assertThat(index.find(new byte[32], 0)).isEqualTo(-1);
      assertThat(mappings()).isZero();
    }
  }

  @Test
  void rehashing_unmapsTheSlotTableItReplaces() throws IOException {
    try (CompactIndex index = new CompactIndex(dir)) {
      addRandom(index, 20_000, "IndexMappingTest.rehashing_unmapsTheSlotTableItReplaces");
      assertThat(mappings()).isEqualTo(2);
      assertThat(index.memoryBytes()).isEqualTo(65_536L * CompactIndex.RECORD + 4L * 32_768);
    }
  }

  @Test
  void aSlotTableCutIntoRegions_mapsEachAndUnmapsEveryOneItReplaces() throws IOException {
    CompactIndex index = new CompactIndex(dir, 10, BlobId.MAX_LENGTH);
    addRandom(index, 20_000, "IndexMappingTest.aSlotTableCutIntoRegions");
    assertThat(mappings()).isEqualTo(1 + 32_768 / 1024);
    index.close();
    assertThat(mappings()).isZero();
  }

  @Test
  void masterIndex_staysMappedUntilItsLastHolderCloses() throws IOException {
    MasterIndex index = new MasterIndex(dir);
    byte[] id = new byte[32];
    new Random(Seeds.of("IndexMappingTest.masterIndex_staysMappedUntilItsLastHolderCloses")).nextBytes(id);
    IndexFile.Builder builder = new IndexFile.Builder(VolumeFormat.V1);
    builder.pack("00".repeat(32), 100);
    builder.entry(id, 0, (byte) 0, 0, 100, 0, 10);
    index.addIndexFile(builder.finish().get(0));
    MasterIndex held = index.retain();
    index.close();
    assertThat(held.contains(id, 0)).isTrue();
    assertThat(mappings()).isEqualTo(2);
    held.close();
    assertThat(mappings()).isZero();
    assertThatThrownBy(() -> held.contains(id, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(held::retain).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void openingAndClosingHundredsOfIndexes_leavesNoMappingOrDescriptor() throws IOException {
    byte[] ids = new byte[32 * 1000];
    new Random(Seeds.of("IndexMappingTest.openingAndClosingHundredsOfIndexes")).nextBytes(ids);
    long descriptors = Mappings.descriptors();
    for (int i = 0; i < 300; i++) {
      try (CompactIndex index = new CompactIndex(dir)) {
        for (int b = 0; b < 1000; b++) {
          index.add(ids, b * 32, 0, 0, 0, 0, 0, (byte) 0);
        }
      }
    }
    assertThat(mappings()).isZero();
    assertThat(Mappings.descriptors()).isLessThanOrEqualTo(descriptors + 2);
    assertThat(Mappings.files(dir)).isEmpty();
  }

  private static byte[] addRandom(CompactIndex index, int n, String purpose) {
    byte[] ids = new byte[32 * n];
    Seeds.random(purpose).nextBytes(ids);
    for (int i = 0; i < n; i++) {
      index.add(ids, i * 32, 0, 0, 0, 0, 0, (byte) 0);
    }
    return ids;
  }

  private long mappings() throws IOException {
    return Mappings.in(dir);
  }
}
