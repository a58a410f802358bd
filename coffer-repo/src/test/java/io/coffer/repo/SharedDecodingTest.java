package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.backend.FaultyBackend;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.MemoryBackend;
import io.coffer.repo.index.Location;
import io.coffer.repo.index.MasterIndex;
import io.coffer.testing.Await;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Two reading threads that need the same segment at once decode it once: the second waits for the
 * first (a level's segments of changes, read on both threads, need the same segments of the full).
 */
class SharedDecodingTest {

  @Test
  void aSegmentWantedByTwoThreadsAtOnce_isReadAndDecodedOnce() throws Exception {
    FaultyBackend backend = new FaultyBackend(new MemoryBackend());
    try (Volume volume = TestData.init(backend, TestData.smallVolume(), "SharedDecodingTest")) {
      byte[] data = TestData.dumpLike(3, 200_000);
      try (BackupWriter w = volume.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putStream("dump", new ByteArrayInputStream(data));
        w.commit();
      }
      try (MasterIndex index = volume.currentIndex()) {
        int data0 = 0;
        while (index.type(data0) != BlobType.DATA) {
          data0++;
        }
        Location l = index.location(data0);
        BlobReader reader = new BlobReader(volume, index, 8, true);
        // The first read of a pack waits at the gate: the first thread holds the segment's decoding.
        CountDownLatch gate = new CountDownLatch(1);
        AtomicBoolean atTheGate = new AtomicBoolean();
        backend.onceBefore(FaultyBackend.Operation.LOAD_RANGE, FileType.PACK, () -> {
          atTheGate.set(true);
          try {
            gate.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        int readsBefore = backend.calls(FaultyBackend.Operation.LOAD_RANGE, FileType.PACK);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
          Future<DecodedSegment> first = threads.submit(() -> reader.runSegment(l));
          Await.until("the first thread reads the pack", atTheGate::get);
          Future<DecodedSegment> second = threads.submit(() -> reader.runSegment(l));
          Await.until("the second thread waits for the first", () -> second.isDone() || waiting(threads));
          gate.countDown();
          DecodedSegment a = first.get(30, TimeUnit.SECONDS);
          DecodedSegment b = second.get(30, TimeUnit.SECONDS);
          assertThat(backend.calls(FaultyBackend.Operation.LOAD_RANGE, FileType.PACK) - readsBefore)
              .as("reads of the pack").isEqualTo(1);
          assertThat(b).isSameAs(a);
          reader.check(index.id(data0), l, a);
          a.release();
          b.release();
        } finally {
          threads.shutdownNow();
        }
      }
    }
  }

  /** Whether both of the pool's threads are parked: the first in the gate, the second in its wait. */
  private static boolean waiting(ExecutorService threads) {
    long parked = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("pool-") && (t.getState() == Thread.State.WAITING
            || t.getState() == Thread.State.TIMED_WAITING))
        .filter(t -> List.of(t.getStackTrace()).stream().anyMatch(f -> f.getMethodName().equals("runSegment")))
        .count();
    return parked == 2;
  }
}
