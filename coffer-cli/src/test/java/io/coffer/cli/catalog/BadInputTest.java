package io.coffer.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.CliHarness;
import io.coffer.catalog.time.TimeLength;
import io.coffer.cli.Cli.Result;
import io.coffer.catalog.Catalog;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.engine.Coffer;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.engine.demo.SampleDatabase;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3's "Bad input — each one has a test": every refusal exits non-zero with one line that
 * names the field, the value and what is accepted, and leaves the catalog as it was.
 */
class BadInputTest {

  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    SampleDatabase.ofSize(3, 300_000).create(cli.data.resolve("shop.db"));
    cli.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--cron", "0 2 * * *");
    // x.db exists (empty: SQLite opens it as an empty database), so that each refusal below is for
    // the field it names, not for a database the node does not have.
    java.nio.file.Files.writeString(cli.data.resolve("x.db"), "");
  }

  /** Everything the catalog holds, read in one go (the rows are records, so they print every value). */
  private String catalog() {
    try (Coffer coffer = Coffer.open(new ConfigLoader(Map.of("COFFER_HOME", cli.home.toString()), tmp,
        tmp.resolve("none.yaml")).load(), location -> new char[0])) {
      Catalog c = coffer.catalog();
      return List.of(c.agents().list(), c.nodes().list(), c.volumes().list(), c.definitions().list(DefinitionFilter.all()),
          c.oneoffs().list(), c.backups().list(BackupFilter.newest()), c.restores().list(100),
          c.config().forNode("shop")).toString();
    }
  }

  /** Runs a command that must be refused with {@code code}, a one-line message holding {@code parts}. */
  private Result refused(int code, String[] args, String... parts) {
    String before = catalog();
    Result result = cli.run(args);
    assertThat(result.code()).as(result.toString()).isEqualTo(code);
    String first = result.err().lines().findFirst().orElse("");
    assertThat(first).startsWith("coffer: ");
    for (String part : parts) {
      assertThat(first).as(result.toString()).contains(part);
    }
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(catalog()).isEqualTo(before);
    return result;
  }

  private static String[] args(String... args) {
    return args;
  }

  @Test
  void invalidCron_namesTheCronField() {
    refused(2, args("definition", "add", "--node", "shop", "--databases", "other.db", "--cron", "61 1 * * *"),
        "cron minute \"61\"", "accepted:");
    refused(2, args("definition", "add", "--node", "shop", "--databases", "other.db", "--cron", "1 1 * *"),
        "cron \"1 1 * *\"", "five fields");
    refused(2, args("definition", "update", "1", "--day-of-week", "funday"), "cron day-of-week \"funday\"");
  }

  @Test
  void expire_acceptsUnitsAndRejectsOthersListingTheForms() {
    cli.ok("definition", "update", "1", "--expire", "1w 3d 4h 5m");
    assertThat(cli.ok("definition", "show", "1").out()).contains("1w 3d 4h 5m");
    refused(2, args("definition", "update", "1", "--expire", "3 fortnights"), "expire \"3 fortnights\"",
        "accepted: " + TimeLength.ACCEPTED);
    refused(2, args("backup", "run", "--node", "shop", "--database", "shop.db", "--expire", "soon"), "expire \"soon\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"7 days", "2 weeks", "1 month"})
  void retentionPeriods_areAccepted(String period) {
    cli.ok("definition", "update", "1", "--retention", period);
    assertThat(cli.ok("definition", "show", "1").out()).contains(period);
  }

  @Test
  void retentionPeriod_rejectedNamingTheAcceptedForms() {
    refused(2, args("definition", "update", "1", "--retention", "3 fortnights"), "retention \"3 fortnights\"",
        "accepted: " + TimeLength.ACCEPTED);
    refused(2, args("definition", "update", "1", "--retention", "seven days"), "retention \"seven days\"");
  }

  @Test
  void redundancyBelowOne_isRefused() {
    refused(2, args("definition", "update", "1", "--redundancy", "0"), "redundancy \"0\"", "≥ 1");
    refused(2, args("definition", "add", "--node", "shop", "--databases", "x.db", "--redundancy", "-1"),
        "redundancy \"-1\"");
  }

  @Test
  void unknownReferences_nameWhatExists() {
    refused(2, args("definition", "add", "--node", "nosuch", "--databases", "x.db"), "node \"nosuch\" does not exist",
        "shop");
    refused(2, args("definition", "add", "--node", "shop", "--databases", "x.db", "--agent", "ghost"),
        "agent \"ghost\" does not exist", "backup01");
    refused(2, args("definition", "add", "--node", "shop", "--databases", "x.db", "--volume", "attic"),
        "volume \"attic\" does not exist", "vault");
    refused(2, args("definition", "show", "99"), "definition \"99\" does not exist");
    refused(2, args("backup", "run", "42"), "definition \"42\" does not exist");
    refused(2, args("node", "show", "nosuch"), "node \"nosuch\" does not exist");
  }

  @Test
  void duplicateNames_areRefused() {
    refused(2, args("node", "add", "shop", "--engine", "sqlite", "--data-directory", cli.data.toString()),
        "node \"shop\" already exists");
    refused(2, args("agent", "add", "backup01"), "agent \"backup01\" already exists");
    refused(2, args("volume", "add", "vault", tmp.resolve("volume").toString()), "volume \"vault\" already exists");
    refused(2, args("definition", "add", "--node", "shop", "--databases", "shop.db", "--kind", "FULL"),
        "databases \"shop.db\" already exists");
  }

  @Test
  void manualBackupOfDownNode_isRefused() {
    cli.ok("node", "update", "shop", "--status", "DOWN");
    refused(2, args("backup", "run", "--node", "shop", "--database", "shop.db"), "node \"shop\"", "DOWN",
        "coffer node update shop --status RUNNING");
    refused(2, args("backup", "run", "1"), "node \"shop\"", "DOWN");
  }

  @Test
  void sqlitePathThatIsNotADatabase_isRefused() throws IOException {
    Files.writeString(cli.data.resolve("notes.txt"), "just text");
    refused(2, args("backup", "run", "--node", "shop", "--database", "notes.txt"), "database \"notes.txt\"",
        "no such database", "shop.db");
    refused(2, args("node", "add", "files", "--engine", "sqlite", "--data-directory", tmp.resolve("nothing").toString()),
        "data-directory", "no such directory");
  }

  @Test
  void deletingANodeWithDefinitions_isRefusedNamingThem() {
    refused(2, args("node", "remove", "shop"), "node \"shop\" is used by definitions 1");
    refused(2, args("volume", "remove", "vault"), "volume \"vault\" is used by definitions 1");
    refused(2, args("agent", "remove", "backup01"), "agent \"backup01\" is used by definitions 1");
  }

  @Test
  void badEnumsAndNumbers_nameTheAcceptedValues() {
    refused(2, args("node", "add", "x", "--engine", "oracle"), "engine \"oracle\"", "postgresql, mariadb, sqlite, filesystem");
    refused(2, args("node", "add", "x", "--engine", "postgresql", "--host", "h", "--port", "99999"), "port \"99999\"");
    refused(2, args("definition", "add", "--node", "shop", "--databases", "x.db", "--kind", "PHYSICAL"),
        "kind \"PHYSICAL\"", "FULL");
    refused(2, args("backup", "run", "--node", "shop", "--database", "shop.db", "--level", "12"), "level \"12\"");
    refused(2, args("node", "add", "x", "--engine", "postgresql", "--host", "h", "--credential", "s3cret"),
        "credential", "env:VARIABLE_NAME");
  }

  @Test
  void missingRequiredValue_isAUsageErrorNamingTheOption() {
    Result result = refused(2, args("node", "add", "x"), "option '--engine'");
    assertThat(result.err()).contains("Try 'coffer node add --help'");
  }
}
