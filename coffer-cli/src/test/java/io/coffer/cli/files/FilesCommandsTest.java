package io.coffer.cli.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FILES backups through the CLI, in-process, of a real directory into a real volume. */
class FilesCommandsTest {

  @TempDir Path tmp;
  CliHarness cli;
  Path app;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("settings.ini"), "a = 1\n");
    Files.write(app.resolve("data.bin"), new byte[100_000]);
    cli.ok("node", "add", "app", "--engine", "filesystem", "--data-directory", app.toString());
  }

  @Test
  void backupRun_ofAFilesystemNode_needsNoDatabase() {
    Result run = cli.ok("backup", "run", "--node", "app", "--kind", "FILES");
    assertThat(run.out()).contains("[Done] backup 1 of node app (data directory) SUCCEEDED: FILES level 0");

    Result json = cli.ok("backup", "run", "--node", "app", "--kind", "FILES", "--level", "1", "--json");
    assertThat(json.out()).contains("\"status\" : \"SUCCEEDED\"").contains("\"level\" : 1");
  }

  @Test
  void aLevelRunByHand_buildsOnTheNewestLowerLevelInItsOwnVolume_beforeANewerOneInAnother() {
    cli.ok("backup", "run", "--node", "app", "--kind", "FILES");
    cli.ok("volume", "init", tmp.resolve("other").toString());
    cli.ok("volume", "add", "other", tmp.resolve("other").toString());
    cli.ok("backup", "run", "--node", "app", "--kind", "FILES", "--volume", "other");

    cli.ok("backup", "run", "--node", "app", "--kind", "FILES", "--level", "1", "--volume", "vault");
    assertThat(cli.ok("backup", "show", "3").out()).containsPattern("Parent backup +1\\b")
        .contains("files unchanged since backup 1 are not read").doesNotContain("a full copy");

    // Where the volume holds none, the newest anywhere, read whole, as before.
    cli.ok("volume", "init", tmp.resolve("third").toString());
    cli.ok("volume", "add", "third", tmp.resolve("third").toString());
    cli.ok("backup", "run", "--node", "app", "--kind", "FILES", "--level", "1", "--volume", "third");
    assertThat(cli.ok("backup", "show", "4").out()).containsPattern("Parent backup +2\\b")
        .contains("parent backup 2 is not in volume third; every file is read (a full copy)");
  }

  @Test
  void contents_listsTheTreeLikeTarTv_andVerifyReadsItBack() throws IOException {
    Files.createDirectories(app.resolve("conf"));
    Files.writeString(app.resolve("conf/app.ini"), "x");
    Files.setAttribute(app.resolve("conf/app.ini"), "unix:mode", 04750);
    Files.setLastModifiedTime(app.resolve("conf/app.ini"), java.nio.file.attribute.FileTime
        .from(java.time.Instant.parse("2024-02-03T04:05:06Z")));
    Files.createSymbolicLink(app.resolve("current"), Path.of("conf/app.ini"));
    cli.ok("backup", "run", "--node", "app", "--kind", "FILES");

    String listing = cli.ok("backup", "contents", "1").out();
    assertThat(listing).containsPattern("(?m)^-rwsr-x--- root/root +1 2024-02-03 04:05 conf/app\\.ini$")
        .containsPattern("(?m)^drwx.* conf/$").containsPattern("(?m)^lrwxrwxrwx .* current -> conf/app\\.ini$")
        .containsPattern("(?m)^-rw-r--r-- root/root +100000 .* data\\.bin$");
    assertThat(cli.ok("backup", "contents", "1", "--path", "conf").out()).contains("conf/app.ini")
        .doesNotContain("data.bin");
    assertThat(cli.ok("backup", "contents", "1", "--json").out()).contains("\"path\" : \"conf/app.ini\"")
        .contains("\"mode\" : \"-rwsr-x---\"");
    Result missing = cli.run("backup", "contents", "1", "--path", "nope");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope");

    Result verify = cli.ok("backup", "verify", "1");
    assertThat(verify.out()).contains("[PASSED]").contains("3 files, 100007 bytes read back");
  }

  @Test
  void nodeSetting_quiesce_isCheckedAndStoredCanonically() {
    Result bad = cli.run("node", "update", "app", "--set", "quiesce=stop-start stop=true");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("quiesce.start").contains("required by quiesce method stop-start");

    cli.ok("node", "update", "app", "--set", "quiesce=stop-start   start=\"echo up\" stop=true");
    assertThat(cli.ok("node", "show", "app").out()).contains("stop-start start='echo up' stop=true");
    assertThat(cli.ok("backup", "run", "--node", "app", "--kind", "FILES").out()).contains("SUCCEEDED");
    String show = cli.ok("backup", "show", "1").out();
    assertThat(show).contains("Quiesce").contains("stop-start").contains("stop command ran: true")
        .contains("start command ran: echo up").contains("Downtime").contains("2 (");
  }

  @Test
  void definition_ofAFilesystemNode_needsNeitherKindNorDatabases() {
    Result added = cli.ok("definition", "add", "--node", "app", "--level-plan", "0,1",
        "--quiesce", "pre-post pre=true post='echo done'", "--on-change", "fail");
    assertThat(added.out()).contains("[Done] definition 1 of node app databases #all_databases#");
    assertThat(cli.ok("definition", "show", "1").out()).contains("FILES").contains("pre-post post='echo done' pre=true")
        .contains("fail");
    assertThat(cli.ok("backup", "run", "1").out()).contains("FILES level 0");
    assertThat(cli.ok("backup", "run", "1").out()).contains("FILES level 1");

    Result bad = cli.run("definition", "update", "1", "--quiesce", "zfs");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("quiesce.dataset");
    cli.ok("definition", "update", "1", "--quiesce", "");
    assertThat(cli.ok("definition", "show", "1").out()).contains("the node's");
  }

  @Test
  void restoreSync_off_leavesTheWritebackToTheKernel_andSaysSo_andTakesOnlyOnOrOff() throws IOException {
    cli.ok("backup", "run", "--node", "app", "--kind", "FILES");
    Result bad = cli.run("node", "update", "app", "--set", "restore_sync=maybe");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("restore_sync").contains("maybe").contains("on or off");
    assertThat(cli.ok("node", "show", "app").out()).containsPattern("restore_sync\\s+on");

    cli.ok("node", "update", "app", "--set", "restore_sync=OFF");
    assertThat(cli.ok("node", "show", "app").out()).containsPattern("restore_sync\\s+off");
    Path target = tmp.resolve("unsynced");
    Result done = cli.ok("restore", "run", "1", "--target-dir", target.toString());
    assertThat(done.out()).contains("not synced to disk before the restore is recorded as done (restore_sync is off)");
    assertThat(target.resolve("settings.ini")).hasContent("a = 1");
    assertThat(cli.ok("restore", "show", "1").out()).contains("not synced to disk (restore_sync is off)")
        .doesNotContain("synced to disk in");
  }

  @Test
  void restoreRun_intoADirectory_refusesANonEmptyOne_andTakesForce() throws IOException {
    cli.ok("backup", "run", "--node", "app", "--kind", "FILES");
    Path target = tmp.resolve("copy");
    Result dry = cli.ok("restore", "run", "1", "--target-dir", target.toString(), "--dry-run");
    assertThat(dry.out()).contains("Restore plan: filesystem FILES backup to app")
        .contains("into directory " + target).contains("synced to disk (syncfs) before the restore is recorded as done")
        .contains("Dry run: nothing was changed.");
    assertThat(target).doesNotExist();

    Result done = cli.ok("restore", "run", "1", "--target-dir", target.toString());
    assertThat(done.out()).contains("[Done] restore 1 of backup 1 to node app: " + target);
    assertThat(cli.ok("restore", "show", "1").out()).containsPattern("synced to disk in \\d+\\.\\d\\d s");
    assertThat(target.resolve("settings.ini")).hasContent("a = 1");

    Result refused = cli.run("restore", "run", "1", "--target-dir", target.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("target-dir").contains("not empty").contains("--force");

    Files.writeString(target.resolve("settings.ini"), "changed");
    Result json = cli.ok("restore", "run", "1", "--target-dir", target.toString(), "--force", "--path",
        "settings.ini", "--json");
    assertThat(json.out()).contains("\"restore\" : 2");
    assertThat(target.resolve("settings.ini")).hasContent("a = 1");

    Path later = tmp.resolve("later");
    Result scheduled = cli.ok("restore", "add", "1", "--target-node", "app", "--target-dir", later.toString(),
        "--path", "settings.ini", "--at", "+2h");
    assertThat(scheduled.out()).contains("[Done] scheduled restore 1 of backup 1");
    assertThat(cli.ok("restore", "scheduled", "1").out()).contains("Target directory").contains(later.toString())
        .contains("settings.ini");
    Result relative = cli.run("restore", "add", "1", "--target-node", "app", "--target-dir", "later", "--at", "+2h");
    assertThat(relative.code()).isEqualTo(2);
    assertThat(relative.err()).contains("target-dir").contains("absolute");
    Result startCommand = cli.run("restore", "add", "1", "--target-node", "app", "--start-command", "true", "--at",
        "+2h");
    assertThat(startCommand.code()).isEqualTo(2);
    assertThat(startCommand.err()).contains("start-command").contains("restore run can");
  }

  @Test
  void databaseNode_withQuiesceNone_isRefused_exit2() {
    Result refused = cli.run("backup", "run", "--node", "shop", "--kind", "FILES");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("quiesce").contains("--force-unquiesced");
    assertThat(cli.ok("backup", "list").out()).contains("No backups.");

    assertThat(cli.ok("backup", "run", "--node", "shop", "--kind", "FILES", "--force-unquiesced").out())
        .contains("SUCCEEDED");
  }
}
