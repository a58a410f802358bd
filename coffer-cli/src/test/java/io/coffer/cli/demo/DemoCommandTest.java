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
  private final Cli cli = new Cli().set("COFFER_PASSWORD", "ignored: the demo sets its own");

  @Test
  void demo_backsUpTwiceChecksRestoresAndProvesEquality() {
    Cli.Result r = cli.ok("demo", "--dir", tmp.toString(), "--size", "3M");
    String out = r.out();
    assertThat(out).contains("demo directory: " + tmp.resolve("coffer-demo-"));
    assertThat(out).contains("\"coffer-demo\"").contains("COFFER_PASSWORD");
    assertThat(out).contains("$ coffer volume init").contains("$ coffer volume put").contains("$ coffer volume ls").contains("$ coffer volume stats");
    assertThat(out).contains("$ coffer volume check").contains("--read-data").contains("no damage found").contains("$ coffer volume restore");
    assertThat(out).containsPattern("changed [0-9,]+ rows \\(1\\.0%\\) in 40 places");
    assertThat(out).contains("the second backup read").contains("the restored dump is identical to the one backed up");
    assertThat(out).containsPattern("sha256 ([0-9a-f]{64})  .*sales\\.sql\\nsha256 \\1  .*restored/sales\\.sql");
    assertThat(out).contains("export COFFER_PASSWORD=coffer-demo").contains("./coffer volume ls ");
  }

  @Test
  void demo_json_reportsTheDedupAndTheEquality() {
    JsonNode j = cli.ok("demo", "--dir", tmp.toString(), "--size", "3M", "--json").json();
    assertThat(j.get("identical").asBoolean()).isTrue();
    assertThat(j.get("sha256Dump").asText()).isEqualTo(j.get("sha256Restored").asText());
    long first = j.get("firstBackup").get("bytesStored").asLong();
    long second = j.get("secondBackup").get("bytesStored").asLong();
    assertThat(second).isPositive().isLessThan(first / 5);
    assertThat(j.get("check").get("ok").asBoolean()).isTrue();
    assertThat(j.get("backups").get("backups")).hasSize(2);
    assertThat(j.get("changedRows").asInt()).isBetween(j.get("rows").asInt() / 120, j.get("rows").asInt() / 80);
  }

  @Test
  void demo_isRerunnable_inANewDirectoryEachTime() throws Exception {
    cli.ok("demo", "--dir", tmp.toString(), "--size", "1M");
    cli.ok("demo", "--dir", tmp.toString(), "--size", "1M");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.toList()).hasSize(2).allSatisfy(p -> assertThat(p.resolve("restored/sales.sql")).hasSameBinaryContentAs(p.resolve("sales.sql")));
    }
  }

  @Test
  void demo_refusesATinySize() {
    Cli.Result r = cli.run("demo", "--size", "10K");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--size").contains("'10K'").contains("1M … 4G");
  }
}
