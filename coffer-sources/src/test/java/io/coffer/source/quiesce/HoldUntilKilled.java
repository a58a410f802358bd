package io.coffer.source.quiesce;

import io.coffer.source.process.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds a stop-start quiesce until the process is told to stop (SIGTERM), for {@link StopStartTest}. */
public final class HoldUntilKilled {

  private HoldUntilKilled() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path events = Path.of(args[2]);
    Quiesce q = QuiesceMethods.create("stop-start", Map.of("stop", "echo stop >> " + events, "start",
        "echo start >> " + events), data, Path.of(args[1]), Tools.system());
    q.hold(new Cancellation());
    Files.writeString(events, "held\n", StandardOpenOption.APPEND);
    // Nothing counts this down: the hold lasts until SIGTERM runs the shutdown hook that releases
    // it, or ten minutes if the test died without killing this process.
    new CountDownLatch(1).await(10, TimeUnit.MINUTES);
  }
}
