package io.coffer.source.quiesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.coffer.source.process.Cancellation;
import io.coffer.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** stop-start and pre-post: the start (post) command runs on success, failure, abort, timeout, SIGTERM and after a kill. */
class StopStartTest {

  @TempDir Path tmp;
  private Path data;
  private Path state;
  private Path events;

  @BeforeEach
  void setUp() throws Exception {
    data = Files.createDirectories(tmp.resolve("data"));
    state = tmp.resolve("state");
    events = tmp.resolve("events");
  }

  private Quiesce stopStart(String stop, String start, String timeout) {
    return QuiesceMethods.create("stop-start", Map.of("stop", stop, "start", start, "timeout", timeout), data, state,
        Tools.system());
  }

  private String log(String word) {
    return "echo " + word + " >> " + events;
  }

  private List<String> events() throws Exception {
    return Files.exists(events) ? Files.readAllLines(events) : List.of();
  }

  @Test
  void stopThenStart_recordsTheDowntime() throws Exception {
    Quiesce q = stopStart(log("stop"), log("start"), "30");
    Instant beforeStop = Instant.now();
    Hold hold = q.hold(new Cancellation());
    assertThat(hold.directory()).isEqualTo(data);
    assertThat(events()).containsExactly("stop");
    hold.close();
    hold.close();
    Instant afterStart = Instant.now();
    assertThat(events()).containsExactly("stop", "start");
    // From before the stop command to after the start command: both ran (a shell each), so it is
    // positive, and it lies within what the test saw, without a sleep to make it measurable.
    assertThat(hold.report().downtime()).isPositive().isLessThanOrEqualTo(Duration.between(beforeStop, afterStart));
    assertThat(hold.report().steps()).containsExactly("stop command ran: " + log("stop"), "start command ran: " + log("start"));
    assertThat(q.recover()).isEmpty();
  }

  @Test
  void stopCommandFails_noCopyIsTaken_andStartStillRuns() throws Exception {
    Quiesce q = stopStart(log("stop") + "; echo cannot stop >&2; exit 3", log("start"), "30");
    assertThatThrownBy(() -> q.hold(new Cancellation()))
        .hasMessageContaining("stop command failed, so no copy was taken")
        .hasMessageContaining("exited with status 3: cannot stop")
        .hasMessageContaining("the start command ran");
    assertThat(events()).containsExactly("stop", "start");
    assertThat(q.recover()).isEmpty();
  }

  @Test
  void startCommandFails_saysTheDatabaseIsDown_andTheNextRunTriesAgain() throws Exception {
    Path flag = tmp.resolve("start-fails");
    Files.createFile(flag);
    Quiesce q = stopStart(log("stop"), "test ! -e " + flag + " && " + log("start"), "30");
    Hold hold = q.hold(new Cancellation());
    assertThatThrownBy(hold::close).hasMessageStartingWith("THE DATABASE IS DOWN: the start command (")
        .hasMessageContaining("it will be tried again by the next backup of " + data);
    Files.delete(flag);
    List<String> recovered = stopStart(log("stop"), log("start"), "30").recover();
    assertThat(recovered).singleElement().asString().contains("was stopped before its start command; ran the start command now");
    assertThat(events()).containsExactly("stop", "start");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // the stop command sleeps ten minutes unless killed
  void abortDuringTheStopCommand_killsIt_andRunsStart() throws Exception {
    Quiesce q = stopStart(log("stop") + "; sleep 600", log("start"), "900");
    Cancellation abort = new Cancellation();
    CompletableFuture<Void> aborter = CompletableFuture.runAsync(() -> {
      try {
        Await.until("the stop command to run", () -> Files.exists(events));
      } catch (Exception e) {
        throw new CompletionException(e);
      } finally {
        abort.cancel();
      }
    });
    assertThatThrownBy(() -> q.hold(abort)).hasMessageContaining("stop command failed, so no copy was taken");
    aborter.join();
    assertThat(events()).containsExactly("stop", "start");
  }

  @Test
  void stopCommandOverItsTimeout_isKilled_andStartRuns() throws Exception {
    Quiesce q = stopStart("sleep 20", log("start"), "1s");
    assertThatThrownBy(() -> q.hold(new Cancellation())).hasMessageContaining("did not finish within 1 s and was killed");
    assertThat(events()).containsExactly("start");
  }

  @Test
  void processKilledWhileStopped_theNextRunRunsStart_andSaysSo() throws Exception {
    // What a killed process leaves: the pending note written before the stop command ran.
    new PendingCommand(state, "stop-start " + data).record(log("start"));
    List<String> recovered = stopStart(log("stop"), log("start"), "30").recover();
    assertThat(recovered).singleElement().asString()
        .startsWith("the previous backup of " + data + " ran its stop command (recorded ")
        .endsWith("ran the start command now: " + log("start"));
    assertThat(events()).containsExactly("start");
    assertThat(stopStart(log("stop"), log("start"), "30").recover()).isEmpty();
  }

  @Test
  void sigtermWhileHeld_runsStartFromTheShutdownHook() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), HoldUntilKilled.class.getName(), data.toString(), state.toString(),
        events.toString()).redirectErrorStream(true).start();
    // The bound only turns a hang into a failure: a child JVM on a machine at load 25 took a minute
    // to get this far in another test. A child that died fails the wait at once.
    await("the child holding the quiesce").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> {
          assertThat(child.isAlive()).as("the child is alive").isTrue();
          return events().contains("held");
        });
    assertThat(events()).containsExactly("stop", "held");
    child.destroy();
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child ran its shutdown hook and ended").isTrue();
    assertThat(events()).containsExactly("stop", "held", "start");
    assertThat(stopStart(log("stop"), log("start"), "30").recover()).isEmpty();
  }

  @Test
  void prePost_postRunsAfterTheCopy_andAfterAFailedPre() throws Exception {
    Quiesce ok = QuiesceMethods.create("pre-post", Map.of("pre", log("pre"), "post", log("post")), data, state,
        Tools.system());
    try (Hold hold = ok.hold(new Cancellation())) {
      assertThat(events()).containsExactly("pre");
    }
    Quiesce failing = QuiesceMethods.create("pre-post", Map.of("pre", "exit 1", "post", log("post")), data, state,
        Tools.system());
    assertThatThrownBy(() -> failing.hold(new Cancellation())).hasMessageContaining("pre command failed");
    assertThat(events()).containsExactly("pre", "post", "post");
    assertThat(ok.hold(new Cancellation()).report().downtime()).isZero();
  }

  @Test
  void badSettings_nameTheOption() {
    assertThatThrownBy(() -> QuiesceMethods.create("stop-start", Map.of("stop", "x"), data, state, Tools.system()))
        .isInstanceOf(InvalidQuiesceOption.class)
        .hasMessage("quiesce option start is missing: the command that starts it again, required by quiesce method stop-start");
    assertThatThrownBy(() -> QuiesceMethods.create("stop-start", Map.of("stop", "x", "start", "y", "timeout", "soon"),
        data, state, Tools.system())).hasMessageContaining("quiesce option timeout 'soon' is not accepted");
    assertThatThrownBy(() -> QuiesceMethods.create("stop-start", Map.of("stop", "x", "start", "y", "strat", "z"),
        data, state, Tools.system())).hasMessageContaining("quiesce option strat 'z' is not accepted: one of [start, stop, timeout]");
    assertThatThrownBy(() -> QuiesceMethods.create("tarball", Map.of(), data, state, Tools.system()))
        .hasMessage("quiesce option method 'tarball' is not accepted: one of none, stop-start, pre-post, btrfs, lvm, zfs")
        .extracting(e -> ((InvalidQuiesceOption) e).field()).isEqualTo("quiesce");
  }
}
