package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.coffer.testing.Await;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A tree restore's files in two lanes: every file written once, large and small ones side by side. */
class WriteLanesTest {

  @Test
  void theLargeFilesWriter_takesSmallFilesOnlyWhenNoLargeOneWaits() {
    ArrayDeque<String> large = new ArrayDeque<>(List.of("L1", "L2"));
    ArrayDeque<String> small = new ArrayDeque<>(List.of("s1", "s2"));

    assertThat(WriteLanes.next(large, small)).isEqualTo("L1");
    assertThat(WriteLanes.next(large, small)).isEqualTo("L2");
    assertThat(WriteLanes.next(large, small)).isEqualTo("s1");
    assertThat(WriteLanes.next(large, small)).isEqualTo("s2");
    assertThat(WriteLanes.next(large, small)).isNull();
  }

  @Test
  void everyFileIsWrittenOnce_andAwaitingReturnsWhenTheLastIsDone() throws Exception {
    Set<Integer> written = ConcurrentHashMap.newKeySet();
    AtomicInteger runs = new AtomicInteger();
    try (WriteLanes lanes = new WriteLanes("test-write")) {
      // More files than both lanes hold: the submitter waits for room as the walk does.
      for (int i = 0; i < 5_000; i++) {
        int file = i;
        lanes.submit(() -> {
          runs.incrementAndGet();
          written.add(file);
        }, i % 50 == 0 ? WriteLanes.LARGE : WriteLanes.LARGE - 1);
      }
      lanes.awaitAll();
      assertThat(runs).hasValue(5_000);
      assertThat(written).hasSize(5_000);
    }
  }

  @Test
  void aSmallFileIsWritten_whileALargeOneWaits() {
    CountDownLatch smallWritten = new CountDownLatch(1);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (WriteLanes lanes = new WriteLanes("test-write")) {
        // Two large files that cannot finish before a small one queued after them is written: in one
        // queue they took both writers and the small file waited for ever; in lanes the second
        // large one waits for the large files' writer and the small one is written.
        lanes.submit(() -> await(smallWritten), WriteLanes.LARGE);
        lanes.submit(() -> await(smallWritten), WriteLanes.LARGE);
        lanes.submit(smallWritten::countDown, 1);
        lanes.awaitAll();
      }
    });
  }

  @Test
  void closing_dropsWhatIsQueued_andRefusesMore() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(2);
    AtomicInteger runs = new AtomicInteger();
    WriteLanes lanes = new WriteLanes("test-write");
    // Both writers busy: the large file first (only one writer takes it), then a small one.
    lanes.submit(() -> hold(started, release), WriteLanes.LARGE);
    Await.until("the large file's writer is busy", () -> started.getCount() == 1);
    lanes.submit(() -> hold(started, release), 1);
    started.await();
    for (int i = 0; i < 10; i++) {
      lanes.submit(runs::incrementAndGet, 1);
    }
    Thread closer = new Thread(lanes::close);
    closer.start();
    Await.until("close waits for the files being written", () -> closer.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    closer.join();
    lanes.awaitAll();

    assertThat(runs).hasValue(0);
    assertThatThrownBy(() -> lanes.submit(runs::incrementAndGet, 1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped");
  }

  private static void hold(CountDownLatch started, CountDownLatch release) {
    started.countDown();
    await(release);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
