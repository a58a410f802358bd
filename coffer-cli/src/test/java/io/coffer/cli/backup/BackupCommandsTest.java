package io.coffer.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliHarness;
import io.coffer.cli.Cli.Result;
import io.coffer.engine.demo.SampleDatabase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup and restore commands on a real SQLite database, in-process. */
class BackupCommandsTest {

  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    SampleDatabase.ofSize(3, 1_000_000).create(cli.data.resolve("shop.db"));
  }

  @Test
  void backupRunByHand_thenListShowContents() {
    Result run = cli.ok("backup", "run", "--node", "shop", "--database", "shop.db", "--expire", "1w3d");
    assertThat(run.out()).contains("[Done] backup 1 of node shop (shop.db) SUCCEEDED").contains("on disk until");

    assertThat(cli.ok("backup", "list").out()).contains("SUCCEEDED").contains("shop.db").contains("ON DISK UNTIL");
    assertThat(cli.ok("backup", "list", "--node", "shop", "--status", "SUCCEEDED", "--json").out())
        .contains("\"status\" : \"SUCCEEDED\"");
    String show = cli.ok("backup", "show", "1").out();
    assertThat(show).contains("On disk until").contains("Bytes stored").contains("Streams:")
        .contains("shop.db/database.sqlite").contains("Tool version")
        .contains("sqlite-jdbc").contains("Checksum").contains("sha256:");
    String contents = cli.ok("backup", "contents", "1").out();
    assertThat(contents).contains("Tables:").contains("orders").contains("order_item").contains("Consistency");
  }

  @Test
  void backupContents_showsTheBytesTheBackupReadAndStored_andLabelsTheSizeOnDisk() {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");

    JsonNode show = cli.ok("backup", "show", "1", "--json").json();
    JsonNode contents = cli.ok("backup", "contents", "1", "--json").json();
    assertThat(contents.get("bytes-read").asText()).isEqualTo(show.get("bytes-read").asText()).isNotEqualTo("0 B");
    assertThat(contents.get("bytes-stored").asText()).isEqualTo(show.get("bytes-stored").asText());
    JsonNode database = contents.get("databases").get(0);
    assertThat(database.get("database").asText()).isEqualTo("shop.db");
    assertThat(database.has("size-on-disk")).isTrue();
    assertThat(database.has("size")).isFalse();
    JsonNode stream = java.util.stream.StreamSupport.stream(contents.get("streams").spliterator(), false)
        .filter(s -> s.get("stream").asText().equals(database.get("streams").asText())).findFirst().orElseThrow();
    assertThat(database.get("read").asText()).isEqualTo(stream.get("read").asText()).endsWith("KiB");
    assertThat(cli.ok("backup", "contents", "1").out()).contains("SIZE ON DISK").contains("Bytes read")
        .contains("Bytes stored");
  }

  @Test
  void backupOfDefinition_andDefinitionRemoveNeedsForce() {
    cli.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--retention", "7 days");
    assertThat(cli.ok("backup", "run", "1").out()).contains("[Done] backup 1");
    assertThat(cli.ok("backup", "show", "1", "--json").out()).contains("\"definition\" : \"1\"");

    Result refused = cli.run("definition", "remove", "1");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("definition \"1\" is used by backups 1").contains("force");

    Result forced = cli.ok("definition", "remove", "1", "--force");
    assertThat(forced.out()).contains("1 backups left the catalog, 1 manifests forgotten");
    assertThat(cli.ok("volume", "ls", "vault").out()).contains("no backups");
  }

  @Test
  void restoreRun_printsPlanFirst_dryRunChangesNothing_thenRestores() {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");

    Result dry = cli.ok("restore", "run", "1", "--target-node", "shop", "--target-database", "copy.db", "--dry-run");
    assertThat(dry.out()).contains("Restore plan").contains("create database copy.db from shop.db")
        .contains("Dry run: nothing was changed.");
    assertThat(cli.data.resolve("copy.db")).doesNotExist();

    Result real = cli.ok("restore", "run", "1", "--target-node", "shop", "--target-database", "copy.db");
    assertThat(real.out().indexOf("Restore plan")).isLessThan(real.out().indexOf("[Done] restore 1"));
    assertThat(cli.data.resolve("copy.db")).exists();
    assertThat(cli.ok("restore", "list").out()).contains("copy.db").contains("SUCCEEDED");
    assertThat(cli.ok("restore", "show", "1").out()).contains("Target database").contains("copy.db");

    Result exists = cli.run("restore", "run", "1", "--target-node", "shop", "--target-database", "copy.db");
    assertThat(exists.code()).isEqualTo(2);
    assertThat(exists.err()).contains("exists").contains("--rename-existing");
    Result renamed = cli.ok("restore", "run", "1", "--target-node", "shop", "--target-database", "copy.db",
        "--rename-existing");
    assertThat(renamed.out()).contains("rename existing database copy.db to copy_");
  }

  @Test
  void restoreRun_asTimestamped_namesTheCopyAfterTheBackupTime_andRefusesATargetNameToo() {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    Result dry = cli.ok("restore", "run", "1", "--target-node", "shop", "--as-timestamped", "--dry-run");
    assertThat(dry.out()).containsPattern("create database shop_\\d{8}T\\d{6}\\.db from shop\\.db");

    Result both = cli.run("restore", "run", "1", "--target-node", "shop", "--as-timestamped", "--target-database", "x.db");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("x.db").contains("--target-database or --as-timestamped");

    Result real = cli.ok("restore", "run", "1", "--target-node", "shop", "--as-timestamped", "--keep-failed");
    assertThat(real.out()).contains("[Done] restore 1");
    try (var files = java.nio.file.Files.list(cli.data)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("shop_\\d{8}T\\d{6}\\.db"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void backupDelete_forgetsInTheVolume() {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    assertThat(cli.ok("backup", "delete", "1").out()).contains("[Done] backup 1 removed").contains("volume prune");
    assertThat(cli.ok("backup", "list").out()).contains("No backups.");
  }

  @Test
  void catalogUnreachable_backupStillRuns_andIsRecordedWhenItIsBack() {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    cli.variable("COFFER_CATALOG_URL", "jdbc:postgresql://127.0.0.1:1/coffer").variable("COFFER_CATALOG_USER", "coffer");
    Result offline = cli.ok("backup", "run", "--node", "shop", "--database", "shop.db", "--volume", "vault");
    assertThat(offline.out()).contains("SUCCEEDED").contains("The catalog is unreachable: the result is kept in")
        .contains(cli.home.resolve("pending").toString());

    cli.variable("COFFER_CATALOG_URL", null).variable("COFFER_CATALOG_USER", null);
    assertThat(cli.ok("backup", "list", "--json").out()).contains("\"id\" : 2").contains("\"id\" : 1");
  }

  @Test
  void levelOne_isRecordedWithItsParent() throws IOException {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    SampleDatabase.ofSize(3, 1_000_000).ship(cli.data.resolve("shop.db"), 0.01);
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db", "--level", "1");
    assertThat(cli.ok("backup", "show", "2").out()).containsPattern("Parent backup\\s+1");
  }
}
