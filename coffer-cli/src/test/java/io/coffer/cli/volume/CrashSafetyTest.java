package io.coffer.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.ChildCoffer;
import io.coffer.cli.Cli;
import io.coffer.repo.TestData;
import io.coffer.testing.Seeds;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code volume put} and {@code volume prune} at random moments, round after round: the
 * volume must stay checkable ({@code check --read-data} passes; unreferenced leftovers are allowed)
 * and every backup that was committed before or during the rounds must restore byte-exact.
 *
 * <p>The data and the kill delays are drawn from the run's seed ({@link Seeds}, printed), so {@code
 * -Dcoffer.test.seed=N} replays the same draws; where a kill lands still depends on the machine's
 * speed, since delays are fractions of a measured run.
 */
class CrashSafetyTest {

  /** One run to measure, then six killed at random. */
  private static final int ROUNDS = 7;

  @TempDir Path tmp;
  private final Cli cli = new Cli();
  private String vol;
  private Random random;
  private long seed;
  private long typicalMillis;
  /** Entry name → the bytes it must restore to; entry names are unique across the volume. */
  private final Map<String, byte[]> expected = new HashMap<>();

  @BeforeEach
  void volume() {
    seed = Seeds.of("CrashSafetyTest");
    random = new Random(seed);
    vol = tmp.resolve("vol").toString();
    cli.ok("volume", "init", vol, "--pack-size", "1M", "--chunk-min", "1K", "--chunk-avg", "4K", "--chunk-max", "32K");
  }

  @Test
  void killDuringPut_leavesEveryCommittedBackupRestorable() throws Exception {
    putInProcess("before", TestData.dumpLike(seed, 2_000_000));
    for (int round = 0; round < ROUNDS; round++) {
      String name = "put-" + round;
      byte[] data = TestData.dumpLike(seed + round + 1, 12_000_000);
      Path input = Files.write(tmp.resolve(name), data);
      // The put either committed or did not; if it committed, it must restore like any other.
      expected.put(name, data);
      runChild(round, "volume", "put", vol, "--name", name, input.toString());
      Files.delete(input);
    }
    verifyVolume();

    String locks = cli.ok("volume", "unlock", vol).out();
    if (!locks.contains("no locks")) {
      assertThat(locks).contains("yes");
      assertThat(cli.ok("volume", "unlock", vol, "--remove-stale").out()).contains("removed stale shared lock").contains("no locks on volume");
    }
  }

  @Test
  void killDuringPrune_leavesEveryKeptBackupRestorable() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      byte[] whole = TestData.dumpLike(seed + round, 3_000_000);
      String doomed = putInProcess("whole-" + round, whole);
      // Every other 64 KiB of the forgotten backup stays referenced, so its packs end up about
      // half live: prune must both delete and repack, and the kill can land in either.
      putInProcess("half-" + round, everyOtherBlock(whole));
      expected.remove("whole-" + round);
      cli.ok("volume", "forget", vol, doomed);
      runChild(round, "volume", "prune", vol);
    }
    verifyVolume();
    assertThat(cli.ok("volume", "prune", vol).code()).isZero();
    verifyVolume();
  }

  /**
   * Runs a child coffer. The first run of a test goes to its end and sets the typical duration; later
   * runs are killed after 15% to 115% of it, so kills land anywhere from JVM start-up to the last
   * write, and now and then the child finishes first.
   */
  private void runChild(int round, String... args) throws Exception {
    Path log = tmp.resolve("child-" + args[1] + "-" + round + ".log");
    long started = System.nanoTime();
    Process p = ChildCoffer.start(log, args);
    if (typicalMillis == 0) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(log)).isZero();
      typicalMillis = Math.max(200, (System.nanoTime() - started) / 1_000_000);
      System.out.printf("round %d: %s ran to its end in %d ms%n", round, args[1], typicalMillis);
      return;
    }
    long delay = (long) (typicalMillis * (0.15 + random.nextDouble()));
    boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
    if (!finished) {
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    System.out.printf("round %d: %s %s after %d ms%n", round, args[1], finished ? "finished (exit " + p.exitValue() + ")" : "killed", delay);
    if (finished) {
      assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }
  }

  private void verifyVolume() {
    Cli.Result check = cli.run("volume", "check", vol, "--read-data");
    assertThat(check.code()).as(check.out() + check.err()).isZero();
    JsonNode backups = cli.ok("volume", "ls", vol, "--json").json().get("backups");
    int restored = 0;
    for (JsonNode b : backups) {
      String name = b.get("entries").get(0).get("name").asText();
      assertThat(expected).as("backup of %s", name).containsKey(name);
      assertThat(cli.ok("volume", "cat", vol, b.get("id").asText()).stdout()).as(name).isEqualTo(expected.get(name));
      restored++;
    }
    assertThat(restored).isGreaterThanOrEqualTo((int) expected.keySet().stream().filter(n -> !n.startsWith("put-")).count());
  }

  private String putInProcess(String name, byte[] data) {
    expected.put(name, data);
    return cli.stdin(data).ok("volume", "put", vol, "--name", name).out().strip();
  }

  private static byte[] everyOtherBlock(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < data.length; at += 2 * 65536) {
      out.write(data, at, Math.min(65536, data.length - at));
    }
    return out.toByteArray();
  }
}
