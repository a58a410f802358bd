package io.coffer.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir Path tmp;
  private final Cli cli = new Cli().set("COFFER_PASSWORD", "ignored: the demo sets its own")
      .set("COFFER_HOME", "/nonexistent/the-demo-must-not-use-this");

  @Test
  void demo_registersBacksUpTwiceChecksRestoresAndProvesEquality() {
    String out = cli.ok("demo", "--dir", tmp.toString(), "--size", "4M").out();
    assertThat(out).contains("demo directory: " + tmp.resolve("coffer-demo-")).contains("\"coffer-demo\"");
    assertThat(out).contains("$ coffer volume init").contains("$ coffer volume add demo")
        .contains("$ coffer node add shop --engine sqlite").contains("$ coffer definition add --node shop")
        .contains("$ coffer backup run 1").contains("[Done] backup 1 of node shop").contains("[Done] backup 2")
        .contains("$ coffer backup list").contains("$ coffer stats").contains("$ coffer volume check demo --read-data")
        .contains("no damage found").contains("$ coffer restore run 2 --target-node shop")
        .contains("Restore plan").contains("create database shop-restored.db from shop.db");
    assertThat(out).contains("the restored database equals the one backed up");
    assertThat(out).containsPattern("content checksum of shop.db: +([0-9a-f]{64})\\ncontent checksum of "
        + "shop-restored.db: \\1");
    assertThat(out).contains("export COFFER_CONFIG=").contains("./coffer backup show 2");
    assertThat(out).contains("$ coffer oneoff add --node shop --databases shop.db --at now")
        .contains("$ coffer agent run --exit-when-idle").contains("$ coffer job list")
        .containsPattern("1 +BACKUP +SUCCEEDED +demo-agent +demo-agent +one-off 1, backup 3");
  }

  @Test
  void demo_json_secondBackupStoresUnderAFifthAndTheRestoreEqualsTheSource() {
    JsonNode j = cli.ok("demo", "--dir", tmp.toString(), "--size", "4M", "--json").json();
    assertThat(j.get("equal").asBoolean()).isTrue();
    assertThat(j.get("sourceChecksum").asText()).isEqualTo(j.get("restoredChecksum").asText());
    assertThat(j.get("secondStored").asLong()).isPositive().isLessThan(j.get("firstStored").asLong() / 5);
    assertThat(j.get("tables")).hasSize(4);
    assertThat(j.get("tables").get(0).get("sourceRows").asLong()).isPositive();
  }

  @Test
  void demo_isRerunnable_inANewDirectoryEachTime() throws Exception {
    cli.ok("demo", "--dir", tmp.toString(), "--size", "1M");
    cli.ok("demo", "--dir", tmp.toString(), "--size", "1M");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.toList()).hasSize(2)
          .allSatisfy(p -> assertThat(p.resolve("data/shop-restored.db")).exists());
    }
  }

  @Test
  void demo_refusesATinySize() {
    Cli.Result r = cli.run("demo", "--size", "10K");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--size").contains("'10K'").contains("1M … 4G");
  }
}
