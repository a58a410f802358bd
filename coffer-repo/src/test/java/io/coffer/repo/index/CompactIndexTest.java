package io.coffer.repo.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.testing.Seeds;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactIndexTest {

  @Test
  void findsEveryAddedBlob_acrossPagesAndRehashes_andNothingElse() {
    Random r = Seeds.random("CompactIndexTest.findsEveryAddedBlob");
    int n = 200_000;
    byte[] ids = new byte[n * 32];
    r.nextBytes(ids);
    try (CompactIndex index = new CompactIndex()) {
      for (int i = 0; i < n; i++) {
        assertThat(index.add(ids, i * 32, i % 97, i, i + 1, i + 2, i + 3, (byte) (i & 1))).isEqualTo(i);
      }
      assertThat(index.size()).isEqualTo(n);
      for (int i = 0; i < n; i++) {
        int rec = index.find(ids, i * 32);
        assertThat(rec).isEqualTo(i);
        assertThat(index.pack(rec)).isEqualTo(i % 97);
        assertThat(index.segmentOffset(rec)).isEqualTo(i);
        assertThat(index.segmentLength(rec)).isEqualTo(i + 1);
        assertThat(index.offsetInSegment(rec)).isEqualTo(i + 2);
        assertThat(index.length(rec)).isEqualTo(i + 3);
        assertThat(index.type(rec)).isEqualTo((byte) (i & 1));
      }
      byte[] other = new byte[32];
      for (int i = 0; i < 1000; i++) {
        r.nextBytes(other);
        assertThat(index.find(other, 0)).isEqualTo(-1);
      }
    }
  }

  @Test
  void addingAnExistingId_keepsTheFirstRecord() {
    byte[] id = new byte[32];
    id[0] = 9;
    try (CompactIndex index = new CompactIndex()) {
      index.add(id, 0, 1, 2, 3, 4, 5, (byte) 0);
      assertThat(index.add(id, 0, 7, 7, 7, 7, 7, (byte) 1)).isZero();
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.pack(0)).isEqualTo(1);
    }
  }

  @Test
  void memory_staysUnder64BytesPerBlob() {
    byte[] ids = new byte[32 * 1_000_000];
    new Random(1).nextBytes(ids);
    try (CompactIndex index = new CompactIndex()) {
      for (int i = 0; i < 1_000_000; i++) {
        index.add(ids, i * 32, 0, 0, 0, 0, 0, (byte) 0);
      }
      assertThat(index.memoryBytes() / 1_000_000.0).isLessThan(64.0);
    }
  }
}
