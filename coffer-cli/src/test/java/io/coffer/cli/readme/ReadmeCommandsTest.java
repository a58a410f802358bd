package io.coffer.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README claims only what runs: every command it names ({@code coffer retention apply}, {@code
 * ./coffer volume put} …) exists and answers {@code --help}, and what it says is not offered yet is
 * refused.
 */
class ReadmeCommandsTest {

  private static final Pattern COMMAND = Pattern.compile("(?:`|\\./)coffer((?: [a-z][a-z-]*){1,2})");

  @TempDir Path tmp;

  @Test
  void everyCommandTheReadmeNames_exists() throws IOException {
    String readme = Files.readString(Readme.root().resolve("README.md"));
    Set<String> commands = new LinkedHashSet<>();
    Matcher m = COMMAND.matcher(readme);
    while (m.find()) {
      commands.add(m.group(1).strip());
    }
    assertThat(commands).contains("retention apply", "agent run", "volume put", "definition add");
    CliHarness cli = new CliHarness(tmp);
    for (String command : commands) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      Cli.Result help = cli.run(withHelp(args));
      if (help.code() != 0 && args.size() == 2) {
        // "coffer server URL" or "coffer shell offers": the second word was prose, not a command.
        help = cli.run(withHelp(args.subList(0, 1)));
      }
      assertThat(help.code()).as("coffer %s --help: %s", command, help.err()).isZero();
    }
  }

  /** The README names the engines PHYSICAL backups run for; exactly those accept a PHYSICAL definition. */
  @Test
  void physicalBackups_areAcceptedExactlyForTheEnginesTheReadmeNames() throws IOException {
    String readme = Files.readString(Readme.root().resolve("README.md")).replaceAll("\\s+", " ");
    Matcher claim = Pattern.compile("PHYSICAL backups \\(a copy of a running"
        + " server's files, taken online\\) run for ([A-Za-z ,]+?):").matcher(readme);
    String engines = claim.find() ? claim.group(1) : "";
    CliHarness cli = new CliHarness(tmp);
    cli.registerBasics();
    cli.ok("node", "add", "pg", "--engine", "postgresql", "--host", "127.0.0.1");
    cli.ok("node", "add", "maria", "--engine", "mariadb", "--host", "127.0.0.1");
    for (String[] node : List.of(new String[] {"pg", "PostgreSQL"}, new String[] {"maria", "MariaDB"})) {
      boolean offered = engines.contains(node[1]);
      Cli.Result r = cli.run("definition", "add", "--node", node[0], "--kind", "PHYSICAL", "--cron", "0 1 * * *");
      assertThat(r.code()).as("README says PHYSICAL runs for \"%s\", so for %s it is %s: %s", engines, node[1],
          offered ? "offered" : "refused", r.out() + r.err()).isEqualTo(offered ? 0 : 2);
      if (!offered) {
        assertThat(r.err()).contains("kind \"PHYSICAL\"");
      }
    }
  }

  private static String[] withHelp(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.add("--help");
    return all.toArray(String[]::new);
  }
}
