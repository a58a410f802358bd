package io.coffer.cli.duration;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.time.TimeLength;
import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option that takes a length of time takes both spellings ("14d", "2 weeks", "1w 3d"), and a
 * length none of them accepts is refused with one text listing the forms, changing nothing.
 */
class DurationOptionsTest {

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
  void retentionAndExpire_takeShortAndLongSpellings() {
    cli.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--cron", "41 1 * * *",
        "--retention", "14d", "--expire", "2 weeks");
    assertThat(cli.ok("definition", "show", "1").out()).contains("14 days").contains("2w");
    cli.ok("definition", "update", "1", "--retention", "1w 3d", "--expire", "10 days");
    assertThat(cli.ok("definition", "show", "1").out()).contains("1 week 3 days").contains("10d");
    cli.ok("oneoff", "add", "--node", "shop", "--databases", "shop.db", "--at", "+2 hours", "--retention", "3d",
        "--expire", "1 week");
    assertThat(cli.ok("oneoff", "show", "1").out()).contains("3 days").contains("1w");
    cli.ok("node", "update", "shop", "--set", "retention_period=30d");
    assertThat(cli.ok("node", "show", "shop").out()).contains("30 days");
    assertThat(cli.ok("history", "--since", "-1 day").out()).contains("definition add");
  }

  @Test
  void aLengthNoSpellingAccepts_isRefusedWithTheSameTextByEveryOption() {
    List<List<String>> commands = List.of(
        List.of("definition", "add", "--node", "shop", "--databases", "shop.db", "--cron", "41 1 * * *",
            "--retention", "3 fortnights"),
        List.of("definition", "add", "--node", "shop", "--databases", "shop.db", "--cron", "41 1 * * *",
            "--expire", "3 fortnights"),
        List.of("oneoff", "add", "--node", "shop", "--databases", "shop.db", "--retention", "3 fortnights"),
        List.of("oneoff", "add", "--node", "shop", "--databases", "shop.db", "--expire", "3 fortnights"),
        List.of("node", "update", "shop", "--set", "retention_period=3 fortnights"),
        List.of("backup", "run", "--node", "shop", "--databases", "shop.db", "--expire", "3 fortnights"));
    for (List<String> command : commands) {
      Result r = cli.run(command.toArray(String[]::new));
      assertThat(r.code()).as(String.join(" ", command)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", command)).contains("\"3 fortnights\" is not valid (unknown unit"
          + " \"fortnights\"); accepted: " + TimeLength.ACCEPTED);
    }
    assertThat(cli.ok("definition", "list").out()).contains("No definitions");
    assertThat(cli.ok("oneoff", "list").out()).contains("No one-offs.");
    assertThat(cli.ok("backup", "list").out()).doesNotContain("shop.db");
  }
}
