package io.coffer.cli.restore;

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
 * restore add / scheduled / remove and agent run-due on a real SQLite node, in-process: a scheduled
 * restore is carried out once its time has come, as restore run with the same options would.
 */
class ScheduledRestoreCommandsTest {

  static final String PAST = "2020-01-01T00:00:00Z";

  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    SampleDatabase.ofSize(3, 300_000).create(cli.data.resolve("shop.db"));
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
  }

  @Test
  void restoreAdd_isCarriedOutByRunDue_onlyOnceItsTimeHasCome_andLinkedToItsRestore() {
    assertThat(cli.ok("restore", "add", "1", "--target-node", "shop", "--target-database", "later.db", "--at", "+2h")
        .out()).contains("[Done] scheduled restore 1 of backup 1 to node shop at").contains("by agent backup01");
    cli.ok("restore", "add", "1", "--target-node", "shop", "--target-database", "copy.db", "--at", PAST);
    assertThat(cli.ok("restore", "scheduled").out()).contains("later.db").contains("copy.db").contains("WAITING");

    Result run = cli.ok("agent", "run-due");
    assertThat(run.out()).contains("create database copy.db from shop.db")
        .contains("[Done] scheduled restore 2: restore 1 of backup 1 to node shop SUCCEEDED.");
    assertThat(cli.data.resolve("copy.db")).exists();
    assertThat(cli.data.resolve("later.db")).doesNotExist();
    assertThat(cli.ok("restore", "scheduled", "2").out()).containsPattern("Status\\s+DONE");
    assertThat(cli.ok("restore", "scheduled", "1").out()).containsPattern("Status\\s+WAITING");
    assertThat(cli.ok("restore", "show", "1").out()).containsPattern("Restore definition\\s+2")
        .containsPattern("Status\\s+SUCCEEDED");

    assertThat(cli.ok("agent", "run-due").out()).contains("Nothing due for agent backup01.");
    assertThat(cli.ok("restore", "list").out()).contains("copy.db").doesNotContain("later.db");
  }

  @Test
  void runDue_keepsDropExisting_andMarksARefusedRestoreFailedWithTheReason() throws IOException {
    cli.ok("restore", "add", "1", "--target-node", "shop", "--target-database", "copy.db", "--at", PAST);
    cli.ok("restore", "add", "1", "--target-node", "shop", "--target-database", "copy.db", "--drop-existing",
        "--at", PAST);
    cli.ok("restore", "add", "1", "--target-node", "shop", "--target-database", "copy.db", "--at", PAST);

    Result run = cli.run("agent", "run-due");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("[Done] scheduled restore 1").contains("drop existing database copy.db")
        .contains("[Done] scheduled restore 2");
    assertThat(run.err()).contains("scheduled restore 3 FAILED").contains("exists");
    assertThat(cli.ok("restore", "scheduled", "3").out()).containsPattern("Status\\s+FAILED")
        .containsPattern("Error\\s+.*exists");
    assertThat(cli.ok("restore", "list").out()).contains("copy.db");
    assertThat(cli.data.resolve("copy.db")).exists();
  }

  @Test
  void restoreAdd_keepsEveryOption_andRemoveTakesItAway() {
    cli.ok("restore", "add", "1", "--target-node", "shop", "--as-timestamped", "--rename-existing", "--roles", "fail",
        "--jobs", "3", "--keep-failed", "--at", "2030-01-01T00:00:00Z", "--remarks", "drill");
    String shown = cli.ok("restore", "scheduled", "1").out();
    assertThat(shown).containsPattern("Target database\\s+\\(timestamped\\)")
        .containsPattern("Existing target\\s+RENAME").containsPattern("Roles\\s+FAIL_ON_EXISTING")
        .containsPattern("Jobs\\s+3").containsPattern("Keep failed\\s+yes").containsPattern("Remarks\\s+drill")
        .containsPattern("Run at\\s+2030-01-01");

    assertThat(cli.ok("restore", "remove", "1", "--yes").out()).contains("[Done] scheduled restore 1 removed.");
    assertThat(cli.ok("restore", "scheduled").out()).contains("No scheduled restores.");
  }

  @Test
  void badInput_isRefusedNamingTheField_andSchedulesNothing() throws IOException {
    cli.ok("node", "add", "pg", "--engine", "postgresql", "--host", "127.0.0.1", "--admin-user", "postgres");
    Path config = tmp.resolve("volume").resolve("config");
    Path aside = Files.move(config, tmp.resolve("config.aside"));
    assertThat(cli.run("backup", "run", "--node", "shop", "--database", "shop.db").code()).isEqualTo(1);
    Files.move(aside, config);
    assertThat(cli.ok("backup", "show", "2").out()).contains("FAILED");

    refused("at \"next tuesday\"", "+2h", "1", "--target-node", "shop", "--at", "next tuesday");
    refused("backup \"99\"", "does not exist", "99", "--target-node", "shop");
    refused("target-node \"pg\"", "a sqlite node", "1", "--target-node", "pg");
    refused("as-timestamped \"x.db\"", "--target-database or --as-timestamped", "1", "--target-node", "shop",
        "--target-database", "x.db", "--as-timestamped");
    refused("backup \"2\"", "a SUCCEEDED backup", "2", "--target-node", "shop");
    refused("roles \"maybe\"", "reuse or fail", "1", "--target-node", "shop", "--roles", "maybe");
    refused("jobs \"0\"", "≥ 1", "1", "--target-node", "shop", "--jobs", "0");
    refused("agent \"nobody\"", "backup01", "1", "--target-node", "shop", "--agent", "nobody");
    refused("backup \"x\"", "a whole number", "x", "--target-node", "shop");
    Result show = cli.run("restore", "scheduled", "x");
    assertThat(show.code()).isEqualTo(2);
    assertThat(show.err()).contains("scheduled restore \"x\"").contains("a whole number");
    assertThat(cli.run("restore", "remove", "7", "--yes").err()).contains("7").contains("does not exist");
    assertThat(cli.ok("restore", "scheduled").out()).contains("No scheduled restores.");
  }

  /** {@code restore add ARGS…} must exit 2 with one line naming the field, the value and what is accepted. */
  private void refused(String fieldAndValue, String accepted, String... args) {
    String[] command = new String[args.length + 2];
    command[0] = "restore";
    command[1] = "add";
    System.arraycopy(args, 0, command, 2, args.length);
    Result r = cli.run(command);
    assertThat(r.code()).as(String.join(" ", command)).isEqualTo(2);
    assertThat(r.err()).as(String.join(" ", command)).contains(fieldAndValue).contains(accepted)
        .doesNotContain("Exception");
  }
}
