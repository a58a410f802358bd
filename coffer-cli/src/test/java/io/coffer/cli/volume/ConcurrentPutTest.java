package io.coffer.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.ChildCoffer;
import io.coffer.cli.Cli;
import io.coffer.repo.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes putting into one volume at once both succeed, and both backups restore. */
class ConcurrentPutTest {

  @TempDir Path tmp;

  @Test
  void twoConcurrentPuts_bothSucceedAndRestore() throws Exception {
    Cli cli = new Cli();
    String vol = tmp.resolve("vol").toString();
    cli.ok("volume", "init", vol, "--pack-size", "1M");
    byte[] shared = TestData.dumpLike(40, 4_000_000);
    Map<String, byte[]> expected = new HashMap<>();
    expected.put("a", shared);
    byte[] b = shared.clone();
    for (int i = 0; i < b.length; i += 500_000) {
      b[i] ^= 1;
    }
    expected.put("b", b);

    Process pa = ChildCoffer.start(tmp.resolve("a.log"), "volume", "put", vol, "--name", "a", Files.write(tmp.resolve("a.in"), expected.get("a")).toString());
    Process pb = ChildCoffer.start(tmp.resolve("b.log"), "volume", "put", vol, "--name", "b", Files.write(tmp.resolve("b.in"), expected.get("b")).toString());
    assertThat(pa.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(pb.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(pa.exitValue()).as(Files.readString(tmp.resolve("a.log"))).isZero();
    assertThat(pb.exitValue()).as(Files.readString(tmp.resolve("b.log"))).isZero();

    JsonNode backups = cli.ok("volume", "ls", vol, "--json").json().get("backups");
    assertThat(backups).hasSize(2);
    for (JsonNode backup : backups) {
      String name = backup.get("entries").get(0).get("name").asText();
      assertThat(cli.ok("volume", "cat", vol, backup.get("id").asText()).stdout()).as(name).isEqualTo(expected.get(name));
    }
    assertThat(cli.ok("volume", "check", vol, "--read-data").out()).contains("no damage found");
    assertThat(cli.ok("volume", "unlock", vol).out()).contains("no locks on volume");
  }
}
