package io.coffer.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.model.CredentialReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything refused is in the history, whichever layer refused it — the command line's own checks,
 * the engine or the catalog — once, with the reason, and never with a secret that was typed.
 */
class RefusalsInHistoryTest {

  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
  }

  @Test
  void refusedCommandsOfEveryKind_areInTheHistoryOnceWithTheirReason() {
    refused("definition", "add", "--node", "shop", "--databases", "shop.db", "--cron", "41 1 * * *",
        "--retention", "3 fortnights");
    refused("definition", "add", "--node", "nowhere", "--databases", "shop.db", "--cron", "41 1 * * *");
    refused("oneoff", "add", "--node", "shop", "--databases", "shop.db", "--at", "someday");
    refused("backup", "verify", "99");
    refused("backup", "run", "--node", "shop", "--databases", "shop.db", "--expire", "3 fortnights");
    refused("restore", "run", "99", "--target-node", "shop");
    refused("job", "abort", "7");

    List<JsonNode> history = history();
    assertOnce(history, "definition add", "definition", "rejected: retention \"3 fortnights\" is not valid");
    assertOnce(history, "definition add", "definition for node nowhere databases shop.db",
        "rejected: node \"nowhere\" does not exist");
    assertOnce(history, "oneoff add", "oneoff", "rejected: at \"someday\" is not valid");
    assertOnce(history, "backup verify", "backup 99",
        "rejected: backup \"99\" does not exist; there are no backups yet");
    assertOnce(history, "backup run", "backup", "rejected: expire \"3 fortnights\" is not valid");
    assertOnce(history, "job abort", "job 7", "rejected: job \"7\" does not exist");
    assertOnce(history, "restore start", "backup 99", "rejected: backup \"99\" does not exist");
    assertThat(history).as("restore run is recorded by the restore, not again by the command")
        .noneMatch(e -> e.get("action").asText().equals("restore run"));
    assertThat(find(history, "backup verify", "backup 99").get("detail").asText()).isEqualTo("99");
  }

  @Test
  void aSecretTypedWhereACredentialReferenceBelongs_isNotInTheHistory() {
    refused("node", "add", "pg9", "--engine", "postgresql", "--host", "db9", "--credential", "hunter2");

    String all = cli.ok("history", "--json").out();
    assertThat(all).contains("node add").doesNotContain("hunter2");
    JsonNode entry = find(history(), "node add", "node pg9");
    assertThat(entry.get("detail").asText()).contains("--credential (hidden)");
  }

  @Test
  void readsThatFail_areNotHistory() {
    refused("backup", "show", "99");

    assertThat(history()).noneMatch(e -> e.get("action").asText().equals("backup show"));
  }

  private void refused(String... args) {
    Result r = cli.run(args);
    assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isNotZero();
  }

  private List<JsonNode> history() {
    List<JsonNode> entries = new ArrayList<>();
    cli.ok("history", "--json", "--limit", "200").json().forEach(entries::add);
    return entries;
  }

  private static JsonNode find(List<JsonNode> history, String action, String subject) {
    return history.stream().filter(e -> e.get("action").asText().equals(action)
        && e.get("subject").asText().equals(subject)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + action + " of " + subject + " in " + history));
  }

  private static void assertOnce(List<JsonNode> history, String action, String subject, String resultStart) {
    assertThat(history.stream().filter(e -> e.get("action").asText().equals(action)
            && e.get("subject").asText().equals(subject) && e.get("result").asText().startsWith(resultStart)).count())
        .as(action + " of " + subject + " with " + resultStart + " in " + history).isEqualTo(1);
  }
}
