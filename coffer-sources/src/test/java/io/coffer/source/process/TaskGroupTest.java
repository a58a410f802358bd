package io.coffer.source.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskGroupTest {

  @Test
  void allTasksRun() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    TaskGroup group = new TaskGroup("g", 2, new Cancellation());
    for (int i = 0; i < 5; i++) {
      String name = "t" + i;
      group.add(name, c -> ran.add(name));
    }
    group.run();
    assertThat(ran).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
  }

  @Test
  void firstFailure_stopsTheOthers_skipsTheRest_andIsWhatIsThrown() {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    TaskGroup group = new TaskGroup("g", 2, new Cancellation());
    group.add("long", c -> {
      CountDownLatch stopped = new CountDownLatch(1);
      try (Cancellation.Registration r = c.onCancel(stopped::countDown)) {
        started.countDown();
        if (!stopped.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never stopped");
        }
        events.add("long stopped");
        throw new IOException("stopped from outside");
      }
    });
    group.add("failing", c -> {
      started.await();
      throw new IOException("disk full");
    });
    group.add("later", c -> events.add("later ran"));

    assertThatThrownBy(group::run).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(events).containsExactly("long stopped");
  }

  @Test
  void anErrorInATask_stopsTheOthers_andIsThrownAsAnIOException_notAClassCastException() {
    // A backup under -Xmx96m ended with "OutOfMemoryError cannot be cast to class IOException".
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    TaskGroup group = new TaskGroup("backup of db", 2, new Cancellation());
    group.add("copy worker 1", c -> {
      CountDownLatch stopped = new CountDownLatch(1);
      try (Cancellation.Registration r = c.onCancel(stopped::countDown)) {
        started.countDown();
        if (stopped.await(10, TimeUnit.SECONDS)) {
          events.add("stopped");
        }
      }
    });
    group.add("copy worker 2", c -> {
      started.await();
      throw new OutOfMemoryError("Java heap space (test)");
    });

    assertThatThrownBy(group::run)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("backup of db failed")
        .hasMessageContaining("Java heap space (test)")
        .hasCauseInstanceOf(OutOfMemoryError.class);
    assertThat(events).containsExactly("stopped");
  }
}
