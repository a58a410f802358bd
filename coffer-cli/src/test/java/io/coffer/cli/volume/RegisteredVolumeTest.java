package io.coffer.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.engine.demo.SampleDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code volume forget} and {@code volume prune} on a volume the catalog registers: they never take
 * away a backup the catalog records as existing, and say which command does.
 */
class RegisteredVolumeTest {

  @TempDir Path tmp;
  CliHarness cli;
  String volume;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    volume = tmp.resolve("volume").toString();
    SampleDatabase.ofSize(2, 300_000).create(cli.data.resolve("shop.db"));
  }

  private String manifestOfBackup(int id) {
    return cli.ok("backup", "show", Integer.toString(id), "--json").json().get("manifest").asText();
  }

  @Test
  void forget_ofABackupTheCatalogRecords_isRefused_namingItAndBackupDelete_byNameAndByLocation() {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    String manifest = manifestOfBackup(1);

    for (String where : new String[] {"vault", volume, tmp.resolve("volume/.").toString()}) {
      Result refused = cli.run("volume", "forget", where, manifest.substring(0, 8));
      assertThat(refused.code()).as(where).isEqualTo(1);
      assertThat(refused.err()).as(where).contains("backup 1 (manifest " + manifest.substring(0, 12) + ")")
          .contains("coffer backup delete 1").contains("nothing was forgotten");
      Result dryRun = cli.run("volume", "forget", where, manifest, "--dry-run");
      assertThat(dryRun.code()).as(where).isEqualTo(1);
    }

    assertThat(cli.ok("volume", "ls", "vault").out()).contains(manifest.substring(0, 12));
    assertThat(cli.ok("volume", "prune", "vault").out()).contains("packs deleted").contains("0");
    assertThat(cli.ok("volume", "check", "vault", "--read-data").out()).contains("no damage found");
    assertThat(cli.ok("backup", "delete", "1").out()).contains("1");
    assertThat(cli.ok("volume", "ls", "vault").out()).doesNotContain(manifest.substring(0, 12));
  }

  @Test
  void forget_ofABackupTheCatalogDoesNotRecord_stillForgetsIt() throws IOException {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    Files.writeString(tmp.resolve("notes.txt"), "not a database");
    String put = cli.ok("volume", "put", "vault", "--name", "notes.txt", tmp.resolve("notes.txt").toString()).out().strip();

    Result forgot = cli.ok("volume", "forget", "vault", put.substring(0, 8));

    assertThat(forgot.out()).contains("removed backup " + put);
    assertThat(cli.ok("volume", "ls", "vault").out()).doesNotContain(put.substring(0, 12))
        .contains(manifestOfBackup(1).substring(0, 12));
  }

  @Test
  void prune_whileTheCatalogRecordsAManifestTheVolumeLacks_isRefused_andFreesNothing() throws IOException {
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    String manifest = manifestOfBackup(1);
    Path manifestFile = tmp.resolve("volume").resolve("backups").resolve(manifest);
    Path kept = Files.move(manifestFile, tmp.resolve("manifest-aside"));
    long packs = count(tmp.resolve("volume").resolve("data"));

    Result refused = cli.run("volume", "prune", "vault");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("backup 1 (manifest " + manifest.substring(0, 12) + ")")
        .contains("nothing was pruned").contains("coffer catalog rebuild --volume vault --forget-missing");
    assertThat(cli.run("volume", "prune", volume, "--dry-run").code()).isEqualTo(1);
    assertThat(count(tmp.resolve("volume").resolve("data"))).isEqualTo(packs).isPositive();
    Files.move(kept, manifestFile);
    assertThat(cli.ok("volume", "check", "vault", "--read-data").out()).contains("no damage found");
  }

  @Test
  void prune_ofAnUnregisteredVolume_needsNoCatalog() {
    String other = tmp.resolve("other").toString();
    cli.ok("volume", "init", other);
    assertThat(cli.ok("volume", "prune", other).out()).contains("pruned:");
  }

  private static long count(Path directory) throws IOException {
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
