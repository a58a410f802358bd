package io.coffer.cli.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.engine.demo.SampleDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coffer retention apply}: a thin command over the engine's retention, in-process. */
class RetentionCommandsTest {

  @TempDir Path tmp;

  @Test
  void dryRunSaysWhatWouldGoAndWhy_applyRemovesIt_andRecordsItInTheHistory() throws IOException, SQLException {
    CliHarness cli = new CliHarness(tmp);
    cli.registerBasics();
    SampleDatabase.ofSize(3, 300_000).create(cli.data.resolve("shop.db"));
    cli.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--retention", "7 days",
        "--redundancy", "1");
    cli.ok("backup", "run", "1");
    cli.ok("backup", "run", "1");
    age(cli, 1, 20);
    age(cli, 2, 10);

    Result dry = cli.ok("retention", "apply", "--dry-run", "--verbose");
    assertThat(dry.out()).contains("Retention dry run; nothing was changed.").contains("Would remove 1 backups:")
        .contains("older than 7 days and beyond the newest 1").contains("among the newest 1")
        .contains("Volume vault: 1 manifests to forget; prune would free");
    // Both backups are still there after the dry run (read from JSON: a pattern over the table's text
    // also matched, or missed, digits of its sizes and times).
    JsonNode listed = cli.ok("backup", "list", "--json").json();
    assertThat(listed).extracting(b -> b.get("id").asLong()).containsExactlyInAnyOrder(1L, 2L);
    assertThat(listed).allSatisfy(b -> assertThat(b.get("status").asText()).isEqualTo("SUCCEEDED"));

    Result force = cli.run("retention", "apply", "--force", "--yes");
    assertThat(force.code()).isEqualTo(2);
    assertThat(force.err()).contains("force").contains("definition or one-off");

    Result applied = cli.ok("retention", "apply", "--yes", "--json");
    JsonNode json = applied.json();
    assertThat(json.get("complete").asBoolean()).isTrue();
    assertThat(json.get("removed")).hasSize(1);
    assertThat(json.get("removed").get(0).get("backup").asLong()).isEqualTo(1);
    assertThat(json.get("removed").get(0).get("reason").asText()).isEqualTo("older than 7 days and beyond the newest 1");
    assertThat(json.get("volumes").get(0).get("forgotten").asInt()).isEqualTo(1);
    assertThat(json.get("volumes").get(0).get("prune").get("dryRun").asBoolean()).isFalse();

    JsonNode left = cli.ok("backup", "list", "--json").json();
    assertThat(left).hasSize(1);
    assertThat(left.get(0).get("id").asLong()).isEqualTo(2);
    assertThat(cli.ok("history").out()).contains("retention remove").contains("backup 1");
    assertThat(cli.ok("volume", "check", "vault", "--read-data").out()).contains("1 backups").contains("no damage found");
  }

  private static void age(CliHarness cli, long backup, int daysAgo) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.home.resolve("catalog.db"))) {
      long started = Instant.now().minus(Duration.ofDays(daysAgo)).toEpochMilli();
      c.createStatement().executeUpdate("update backup set started_at = " + started + ", finished_at = "
          + (started + 1000) + " where id = " + backup);
    }
  }
}
