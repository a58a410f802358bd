package io.coffer.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.CliHarness;
import io.coffer.cli.Cli.Result;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's noun-verb commands, in-process, with their three output forms. */
class CatalogCommandsTest {

  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    // definition add asks the node for the database: shop.db exists (empty, as SQLite allows).
    java.nio.file.Files.writeString(cli.data.resolve("shop.db"), "");
  }

  @Test
  void agent_addListShowUpdateRemove() {
    assertThat(cli.ok("agent", "add", "backup02", "--domain", "example.org", "--remarks", "second").out())
        .contains("[Done] agent backup02.example.org registered");
    assertThat(cli.ok("agent", "list").out()).contains("backup01").contains("backup02.example.org")
        .contains("NAME").contains("STATUS");
    assertThat(cli.ok("agent", "show", "backup02.example.org").out()).contains("Domain").contains("example.org")
        .contains("max_parallel_jobs");
    cli.ok("agent", "update", "backup02.example.org", "--status", "DOWN", "--set", "max_parallel_jobs=3");
    assertThat(cli.ok("agent", "show", "backup02.example.org", "--json").out()).contains("\"status\" : \"DOWN\"")
        .contains("\"value\" : \"3\"");
    cli.ok("agent", "remove", "backup02.example.org");
    assertThat(cli.ok("agent", "list").out()).doesNotContain("backup02");
  }

  @Test
  void node_addListShowUpdateDatabases() {
    cli.ok("node", "add", "pg1", "--engine", "postgresql", "--host", "db1.example.org", "--credential", "env:PG1_PASSWORD");
    String list = cli.ok("node", "list").out();
    assertThat(list).contains("pg1").contains("postgres@db1.example.org:5432").contains("shop").contains("sqlite");
    assertThat(cli.ok("node", "show", "pg1").out()).contains("env:PG1_PASSWORD").contains("retention_period");
    assertThat(cli.ok("node", "update", "pg1", "--status", "DOWN", "--set", "retention_period=2 weeks").out())
        .contains("DOWN");
    assertThat(cli.ok("node", "show", "pg1", "--csv").out()).contains("status,DOWN");
    assertThat(cli.ok("node", "databases", "shop").out()).contains("Node shop has no databases.");
    cli.ok("node", "remove", "pg1");
  }

  @Test
  void volume_registeredNameWorksForVolumeCommands() {
    assertThat(cli.ok("volume", "list").out()).contains("vault").contains(tmp.resolve("volume").toString());
    assertThat(cli.ok("volume", "show", "vault", "--stats").out()).contains("Backups in the volume").contains("0");
    assertThat(cli.ok("volume", "ls", "vault").out()).contains("no backups");
    assertThat(cli.ok("volume", "check", "vault").code()).isZero();
    cli.ok("node", "remove", "shop");
    cli.ok("volume", "remove", "vault");
    assertThat(cli.ok("volume", "list").out()).contains("No volumes registered.");
  }

  @Test
  void definition_addListShowUpdateMoveRemove() {
    Result added = cli.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--cron", "41 1 * * *",
        "--retention", "2 weeks", "--redundancy", "2", "--level-plan", "0,1,1", "--expire", "1w 3d");
    assertThat(added.out()).contains("[Done] definition 1").contains("41 1 * * *");
    assertThat(cli.ok("definition", "list").out()).contains("shop.db").contains("2 weeks / 2").contains("0,1,1");
    assertThat(cli.ok("definition", "show", "1").out()).contains("Level plan").contains("1w 3d");
    cli.ok("definition", "update", "1", "--hour", "3", "--status", "STOPPED");
    assertThat(cli.ok("definition", "show", "1", "--json").out()).contains("\"schedule-(cron)\" : \"41 3 * * *\"")
        .contains("\"status\" : \"STOPPED\"");
    cli.ok("agent", "add", "backup02");
    assertThat(cli.ok("definition", "move", "1", "--agent", "backup02").out()).contains("agent backup02");
    assertThat(cli.ok("definition", "list", "--agent", "backup02", "--csv").out()).startsWith("id,node,databases");
    assertThat(cli.ok("definition", "remove", "1").out()).contains("[Done] definition 1 removed");
  }

  @Test
  void oneoff_addListShowRemove() {
    cli.ok("oneoff", "add", "--node", "shop", "--databases", "shop.db", "--at", "2030-01-01T02:00:00Z", "--tag",
        "before-upgrade");
    assertThat(cli.ok("oneoff", "list").out()).contains("before-upgrade").contains("2030-01-01 02:00:00Z");
    assertThat(cli.ok("oneoff", "show", "1").out()).contains("WAITING");
    cli.ok("oneoff", "remove", "1");
    assertThat(cli.ok("oneoff", "list").out()).contains("No one-offs.");
  }

  @Test
  void reports_historyJobsAndStats() {
    assertThat(cli.ok("history").out()).contains("node add").contains("volume add").contains("ok");
    assertThat(cli.ok("job", "list").out()).contains("No jobs.");
    assertThat(cli.ok("stats").out()).contains("Backups").contains("Dedup ratio");
    assertThat(cli.ok("stats", "--node", "shop", "--json").out()).contains("\"scope\" : \"node shop\"");
  }

  @Test
  void listsAsJsonAndCsv() {
    assertThat(cli.ok("node", "list", "--json").out()).startsWith("[").contains("\"name\" : \"shop\"");
    assertThat(cli.ok("node", "list", "--csv").out()).startsWith("id,name,engine,where,status,remarks");
  }
}
