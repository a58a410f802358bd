package io.coffer.repo.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.BlobId;
import io.coffer.testing.Seeds;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mapped table against a HashMap, over random sequences of additions (new ids, ids already
 * present, ids that differ from a present one in a single byte, so they share its hash or all but one
 * of its four longs) and lookups (present ids, absent ones): every answer is checked at the step it
 * is given, and every record in full at the end. Small runs, and runs past several pages of records
 * (65,536 each) and many doublings of the slot table, some with slot tables cut into regions of 1,024
 * slots (a real one is cut at 2^28). Ids sit at random offsets of a larger array.
 */
class CompactIndexModelTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "run {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void behavesLikeAHashMap(int run) {
    Random r = Seeds.random("CompactIndexModelTest.behavesLikeAHashMap." + run);
    int target = 1 + r.nextInt(run < 2 ? 3_000 : 300_000);
    int slotRegionShift = run % 2 == 0 ? 28 : 10;
    Map<ByteBuffer, Integer> model = new HashMap<>();
    List<byte[]> ids = new ArrayList<>();
    List<int[]> values = new ArrayList<>();
    byte[] buffer = new byte[32 + 8];
    try (CompactIndex index = new CompactIndex(dir, slotRegionShift, BlobId.MAX_LENGTH)) {
      while (model.size() < target) {
        int op = r.nextInt(100);
        int at = r.nextInt(9);
        if (op < 50 || ids.isEmpty()) {
          byte[] id = ids.isEmpty() || r.nextBoolean() ? random(r) : nearTo(ids.get(r.nextInt(ids.size())), r);
          System.arraycopy(id, 0, buffer, at, 32);
          int[] v = {r.nextInt(1000), r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt(3)};
          int rec = index.add(buffer, at, v[0], v[1], v[2], v[3], v[4], (byte) v[5]);
          Integer known = model.get(ByteBuffer.wrap(id));
          if (known == null) {
            assertThat(rec).isEqualTo(ids.size());
            model.put(ByteBuffer.wrap(id), rec);
            ids.add(id);
            values.add(v);
          } else {
            assertThat(rec).isEqualTo(known);
          }
        } else if (op < 65) {
          int known = r.nextInt(ids.size());
          System.arraycopy(ids.get(known), 0, buffer, at, 32);
          assertThat(index.add(buffer, at, 1, 2, 3, 4, 5, (byte) 1)).isEqualTo(known);
        } else if (op < 85) {
          int known = r.nextInt(ids.size());
          System.arraycopy(ids.get(known), 0, buffer, at, 32);
          assertThat(index.find(buffer, at)).isEqualTo(known);
        } else {
          byte[] id = r.nextBoolean() ? random(r) : nearTo(ids.get(r.nextInt(ids.size())), r);
          System.arraycopy(id, 0, buffer, at, 32);
          assertThat(index.find(buffer, at)).isEqualTo(model.getOrDefault(ByteBuffer.wrap(id), -1));
        }
        assertThat(index.size()).isEqualTo(model.size());
      }
      byte[] copied = new byte[32];
      for (int rec = 0; rec < ids.size(); rec++) {
        int[] v = values.get(rec);
        assertThat(index.find(ids.get(rec), 0)).isEqualTo(rec);
        index.copyId(rec, copied, 0);
        assertThat(copied).isEqualTo(ids.get(rec));
        assertThat(new int[] {index.pack(rec), index.segmentOffset(rec), index.segmentLength(rec), index.offsetInSegment(rec), index.length(rec), index.type(rec)})
            .isEqualTo(v);
      }
    }
  }

  private static byte[] random(Random r) {
    byte[] id = new byte[32];
    r.nextBytes(id);
    return id;
  }

  /** {@code id} with one byte changed: in its first long (another hash, mostly), or in one of the other three. */
  private static byte[] nearTo(byte[] id, Random r) {
    byte[] near = id.clone();
    int[] places = {0, 3, 4, 7, 8, 15, 16, 23, 24, 31};
    near[places[r.nextInt(places.length)]] ^= (byte) (1 + r.nextInt(255));
    return near;
  }
}
