package io.coffer.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.engine.demo.SampleDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coffer catalog rebuild --volume NAME}, in-process on a real SQLite node: a catalog that was
 * lost gets its backups back from the volume (restorable, with their level chain, report and sizes),
 * a catalog restored from an old copy gets the backups made since and learns which of its rows the
 * volume no longer holds, and a second run changes nothing.
 */
class CatalogRebuildTest {

  @TempDir Path tmp;
  CliHarness cli;
  Path catalog;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    catalog = cli.home.resolve("catalog.db");
    SampleDatabase.ofSize(3, 1_000_000).create(cli.data.resolve("shop.db"));
  }

  @Test
  void aLostCatalog_isRebuiltFromTheVolume_restoresFromIt_andASecondRunAddsNothing() throws IOException {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db", "--level", "1");
    JsonNode full = cli.ok("backup", "show", "1", "--json").json();
    JsonNode incremental = cli.ok("backup", "show", "2", "--json").json();
    Files.writeString(tmp.resolve("notes.txt"), "not a database");
    cli.ok("volume", "put", "vault", "--name", "notes.txt", tmp.resolve("notes.txt").toString());

    lose();
    Result unknownVolume = cli.run("catalog", "rebuild", "--volume", "vault");
    assertThat(unknownVolume.code()).isEqualTo(2);
    assertThat(unknownVolume.err()).contains("vault").contains("volume");
    cli.ok("volume", "add", "vault", tmp.resolve("volume").toString());
    Result noNode = cli.run("catalog", "rebuild", "--volume", "vault");
    assertThat(noNode.code()).as(noNode.err()).isEqualTo(3);
    assertThat(noNode.err()).contains("2 backups of the volume were not recorded")
        .contains("node shop is not in the catalog; register it (coffer node add shop --engine sqlite");
    assertThat(noNode.out()).contains("added 0 backups").contains("1 not made by a node's backup (volume put) left out");

    cli.ok("node", "add", "shop", "--engine", "sqlite", "--data-directory", cli.data.toString());
    assertThat(cli.ok("catalog", "rebuild", "--volume", "vault", "--dry-run").out()).contains("would add 2 backups");
    assertThat(cli.ok("backup", "list").out()).as("a dry run records nothing").contains("No backups.");
    Result rebuilt = cli.ok("catalog", "rebuild", "--volume", "vault");
    assertThat(rebuilt.out()).contains("Catalog rebuilt from volume vault: added 2 backups; 0 already in the catalog");

    JsonNode first = cli.ok("backup", "show", "1", "--json").json();
    JsonNode second = cli.ok("backup", "show", "2", "--json").json();
    for (String field : List.of("manifest", "databases", "kind", "level", "status", "bytes-read", "bytes-new",
        "bytes-stored", "checksum", "server-version", "tool-version", "finished")) {
      assertThat(first.path(field)).as(field).isEqualTo(full.path(field));
      assertThat(second.path(field)).as(field).isEqualTo(incremental.path(field));
    }
    assertThat(second.path("parent-backup").asText()).as("the incremental hangs from the full backup").isEqualTo("1");
    assertThat(first.path("agent").asText()).as("no agent is registered in the new catalog").isEmpty();
    assertThat(cli.ok("backup", "contents", "2").out()).contains("orders").contains("order_item");
    cli.ok("restore", "run", "2", "--target-node", "shop", "--target-database", "copy.db");
    assertThat(cli.data.resolve("copy.db")).exists();

    Result again = cli.ok("catalog", "rebuild", "--volume", "vault", "--json");
    assertThat(again.json().path("added")).isEmpty();
    assertThat(again.json().path("known").asInt()).isEqualTo(2);
    assertThat(cli.ok("backup", "list", "--json").json()).hasSize(2);
  }

  @Test
  void aCatalogRestoredFromAnOldCopy_getsTheBackupsMadeSince_andForgetsOnlyWhenAskedTheOnesGoneSince()
      throws IOException {
    cli.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--retention", "7 days");
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    Path copy = Files.createDirectories(tmp.resolve("catalog-copy"));
    copyCatalog(cli.home, copy);
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db", "--expire", "2w");
    JsonNode third = cli.ok("backup", "show", "3", "--json").json();
    cli.ok("backup", "run", "1");
    cli.ok("backup", "delete", "1");
    cli.ok("volume", "prune", "vault");

    lose();
    copyCatalog(copy, cli.home);
    Result rebuilt = cli.run("catalog", "rebuild", "--volume", "vault");
    assertThat(rebuilt.code()).as("a stale row remains: %s", rebuilt.err()).isEqualTo(3);
    assertThat(rebuilt.out()).contains("added 2 backups; 1 already in the catalog")
        .contains("Backup 1: its manifest").contains("is not in the volume; kept (--forget-missing removes it)");
    JsonNode added = cli.ok("backup", "show", "3", "--json").json();
    assertThat(added.path("manifest")).isEqualTo(third.path("manifest"));
    assertThat(added.path("on-disk-until")).as("its own expire came with its tags").isEqualTo(third.path("on-disk-until"));
    assertThat(added.path("agent").asText()).as("the agent the copy knows").isEqualTo("backup01");
    assertThat(cli.ok("backup", "show", "4", "--json").json().path("definition").asText())
        .as("the definition the copy knows").isEqualTo("1");

    Result forgotten = cli.ok("catalog", "rebuild", "--volume", "vault", "--forget-missing");
    assertThat(forgotten.out()).contains("added 0 backups; 3 already in the catalog")
        .contains("Backup 1: its manifest").contains("removed from the catalog");
    assertThat(cli.ok("backup", "list", "--json").json()).extracting(b -> b.path("id").asInt())
        .containsExactlyInAnyOrder(2, 3, 4);
    assertThat(cli.ok("history", "--json").out()).contains("is no longer in volume vault (catalog rebuild)");
    assertThat(cli.ok("catalog", "rebuild", "--volume", "vault").out()).contains("added 0 backups; 3 already");
    assertThat(cli.ok("volume", "check", "vault", "--read-data").code()).isZero();
  }

  /** The catalog is gone: the next command starts an empty one. */
  private void lose() throws IOException {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(catalog.resolveSibling(catalog.getFileName() + suffix));
    }
  }

  private static void copyCatalog(Path from, Path to) throws IOException {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Path file = from.resolve("catalog.db" + suffix);
      if (Files.exists(file)) {
        Files.copy(file, to.resolve("catalog.db" + suffix), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
