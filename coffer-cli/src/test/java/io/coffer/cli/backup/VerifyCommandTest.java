package io.coffer.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.engine.demo.SampleDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup verify} and verification every N backups on the SQLite node of the harness. */
class VerifyCommandTest {

  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    SampleDatabase.ofSize(3, 500_000).create(cli.data.resolve("shop.db"));
  }

  @Test
  void verify_passes_showsInBackupShow_andLeavesNoScratchFile() {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    assertThat(cli.ok("backup", "show", "1").out()).contains("never (coffer backup verify 1)");
    assertThat(cli.ok("backup", "list").out()).containsPattern("SUCCEEDED +-\\s");

    Result verified = cli.ok("backup", "verify", "1");

    assertThat(verified.out())
        .containsPattern("restoring shop.db into scratch database coffer_verify_1_[0-9a-f]{8}_[a-z0-9]{6}\\.db")
        .contains("[PASSED] verification 1 of backup 1 on node shop:").contains("rows compared with the backup");
    assertThat(cli.ok("backup", "show", "1", "--json").json().get("verified").asText()).startsWith("PASSED");
    assertThat(cli.ok("backup", "list").out()).containsPattern("VERIFIED +ON DISK UNTIL")
        .containsPattern("SUCCEEDED +PASSED\\b");
    assertThat(cli.ok("backup", "list", "--json").json().get(0).get("verified").asText()).isEqualTo("PASSED");
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void everySecondBackupOfADefinition_isVerified_andAFailedVerificationExits3() throws Exception {
    cli.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--verify-every", "2");

    assertThat(cli.ok("backup", "run", "1").out()).doesNotContain("verification");
    Result second = cli.ok("backup", "run", "1", "--json");
    assertThat(second.json().get("verification").get("status").asText()).isEqualTo("PASSED");
    assertThat(second.json().get("verification").get("backup").asLong()).isEqualTo(2);

    assertThat(cli.ok("backup", "run", "1").out()).doesNotContain("verification");
    CatalogReports.addARow(cli.home.resolve("catalog.db"), 3);
    assertThat(cli.run("backup", "verify", "3").code()).isEqualTo(3);
    Result fourth = cli.ok("backup", "run", "1");
    assertThat(fourth.out()).contains("[Done] backup 4").contains("[PASSED] verification 3 of backup 4");
    assertThat(cli.ok("backup", "show", "3").out()).contains("FAILED");
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void aVerificationThatCannotRun_afterABackup_exits3AndTheBackupStaysSucceeded() throws IOException {
    cli.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--verify-every", "2");
    cli.ok("backup", "run", "1");
    // The second backup of the unchanged database stores no new data: it refers to the packs of the
    // first, which are damaged now, so it commits but cannot be read back.
    damagePacks();

    Result run = cli.run("backup", "run", "1");

    assertThat(run.code()).as(run.err()).isEqualTo(3);
    assertThat(run.out()).contains("[Done] backup 2").contains("[ERROR] verification 1 of backup 2");
    assertThat(cli.ok("backup", "show", "2").out()).contains("SUCCEEDED").contains("ERROR");
  }

  private void damagePacks() throws IOException {
    try (Stream<Path> files = Files.walk(tmp.resolve("volume").resolve("data"))) {
      for (Path pack : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(pack, bytes);
      }
    }
  }

  @Test
  void badInput_exits2NamingTheField() throws IOException {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    Path config = tmp.resolve("volume").resolve("config");
    Path aside = Files.move(config, tmp.resolve("config.aside"));
    assertThat(cli.run("backup", "run", "--node", "shop", "--database", "shop.db").code()).isEqualTo(1);
    Files.move(aside, config);

    Result unknown = cli.run("backup", "verify", "99");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("backup \"99\"");
    Result notSucceeded = cli.run("backup", "verify", "2");
    assertThat(notSucceeded.code()).isEqualTo(2);
    assertThat(notSucceeded.err()).contains("backup \"2\"").contains("FAILED").contains("a SUCCEEDED backup");
    Result notAnId = cli.run("backup", "verify", "first");
    assertThat(notAnId.code()).isEqualTo(2);
    assertThat(notAnId.err()).contains("backup \"first\"");
    Result unknownNode = cli.run("backup", "verify", "1", "--on-node", "nowhere");
    assertThat(unknownNode.code()).isEqualTo(2);
    assertThat(unknownNode.err()).contains("on-node \"nowhere\"").contains("shop");
    assertThat(cli.ok("backup", "show", "1").out()).contains("never");
  }

  private java.util.List<String> scratchFiles() {
    try (Stream<Path> files = Files.list(cli.data)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("coffer_verify_")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
