package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.backend.MemoryBackend;
import io.coffer.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Decoded segments' arrays are reused only after their last holder released them, and reads that
 * reuse them (one reader, many streams, two threads at once) give back every byte as stored.
 */
class DecodedSegmentTest {

  @Test
  void anArray_goesBackToThePool_onlyAfterItsLastRelease() {
    DecodedSegment.Pool pool = new DecodedSegment.Pool(4, 1024);
    byte[] array = pool.take(100);
    assertThat(array).hasSize(1024);
    DecodedSegment segment = new DecodedSegment(array, 100, pool);
    segment.retain();
    segment.release();
    assertThat(pool.take(100)).isNotSameAs(array);
    segment.release();
    assertThat(pool.take(100)).isSameAs(array);

    assertThatThrownBy(segment::release).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(segment::retain).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void directBuffers_stayWithinTheirBudget_andThoseDroppedPastTheCapacityNoLongerCount() {
    DecodedSegment.Pool pool = new DecodedSegment.Pool(1, 1024, 3 * 1024);
    java.nio.ByteBuffer a = pool.takeDirect(100);
    java.nio.ByteBuffer b = pool.takeDirect(1024);
    java.nio.ByteBuffer c = pool.takeDirect(10);
    assertThat(List.of(a, b, c)).allSatisfy(x -> assertThat(x.isDirect()).isTrue());
    assertThat(pool.takeDirect(10)).as("past the budget").isNull();
    pool.offer(a);
    assertThat(pool.takeDirect(10)).as("an idle one, reused").isSameAs(a);
    pool.offer(a);
    pool.offer(b);
    assertThat(pool.takeDirect(10)).as("the one kept").isSameAs(a);
    assertThat(pool.takeDirect(10)).as("the share of the one dropped past the capacity").isNotNull().isNotSameAs(b);
    assertThat(pool.takeDirect(10)).as("past the budget again").isNull();
  }

  @Test
  void thePool_keepsAtMostItsCapacity_andHandsOutOnlyLongEnoughArrays() {
    DecodedSegment.Pool pool = new DecodedSegment.Pool(2, 1024);
    byte[] a = new byte[1024];
    byte[] b = new byte[1024];
    pool.offer(a);
    pool.offer(b);
    pool.offer(new byte[1024]);
    assertThat(List.of(pool.take(10), pool.take(10))).containsExactlyInAnyOrder(a, b);
    assertThat(pool.take(10)).isNotSameAs(a).isNotSameAs(b);
    pool.offer(a);
    assertThat(pool.take(4096)).hasSize(4096);
    assertThat(pool.take(10)).isSameAs(a);
  }

  @Test
  void streamsReadAgainAndAgain_byTwoThreadsOfOneReader_comeBackWhole() throws Exception {
    Random r = Seeds.random("DecodedSegmentTest.streamsReadAgainAndAgain");
    try (Volume v = TestData.init(new MemoryBackend(), TestData.smallVolume(), "DecodedSegmentTest.streams")) {
      List<byte[]> streams = new ArrayList<>();
      String id;
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        for (int i = 0; i < 40; i++) {
          // Small streams share segments; some repeat earlier ones' bytes, so runs of different
          // streams read the same segment.
          byte[] data = i % 5 == 4 ? streams.get(i - 3) : TestData.dumpLike(r.nextLong(), 1 + r.nextInt(i % 3 == 0 ? 300_000 : 20_000));
          streams.add(data);
          w.putStream("s" + i, new ByteArrayInputStream(data));
        }
        id = w.commit().id();
      }
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try (BackupReader reader = v.reader()) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int offset = t;
          done.add(threads.submit(() -> {
            for (int round = 0; round < 5; round++) {
              for (int i = offset; i < streams.size(); i += 1 + offset) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                reader.cat(id, "s" + i, out, ProgressListener.NONE);
                assertThat(out.toByteArray()).as("stream s%d, round %d", i, round).isEqualTo(streams.get(i));
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }
}
