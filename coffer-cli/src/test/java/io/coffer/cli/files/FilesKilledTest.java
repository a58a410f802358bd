package io.coffer.cli.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coffer.cli.ChildCoffer;
import io.coffer.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FILES backup whose process is killed (SIGKILL) while the database is stopped: the next backup of
 * the same directory runs the start command first and says so in its log.
 */
class FilesKilledTest {

  @TempDir Path tmp;
  CliHarness cli;
  Process child;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    Path app = Files.createDirectories(tmp.resolve("app"));
    byte[] big = new byte[16 << 20];
    new Random(3).nextBytes(big);
    Files.write(app.resolve("big.bin"), big);
    cli.ok("node", "add", "app", "--engine", "filesystem", "--data-directory", app.toString());
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (child != null) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void killedWhileTheDatabaseIsStopped_theNextRunStartsItFirst_andSaysSo() throws Exception {
    Path events = tmp.resolve("events");
    String quiesce = "stop-start stop='echo stop >> " + events + "' start='echo start >> " + events + "'";
    // Interpreted, the copy of 16 MiB takes a minute or more: the kill lands while the database is stopped.
    child = cli.child(tmp.resolve("killed.log"), ChildCoffer.INTERPRETED, "backup", "run", "--node", "app", "--kind",
        "FILES", "--quiesce", quiesce);
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
      assertThat(child.isAlive()).as("the child backup is alive (see killed.log)").isTrue();
      return Files.exists(events) && Files.readString(events).equals("stop\n");
    });
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(events).hasContent("stop");

    cli.ok("backup", "run", "--node", "app", "--kind", "FILES", "--quiesce", quiesce);

    assertThat(Files.readAllLines(events)).containsExactly("stop", "start", "stop", "start");
    String show = cli.ok("backup", "show", "2").out();
    assertThat(show).contains("ran its stop command").contains("was stopped before its start command")
        .contains("ran the start command now: echo start >> " + events);
    assertThat(cli.ok("backup", "show", "1").out()).contains("FAILED");
  }
}
