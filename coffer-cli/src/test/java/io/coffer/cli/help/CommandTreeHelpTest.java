package io.coffer.cli.help;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.Environment;
import io.coffer.repo.TestData;
import io.coffer.repo.crypto.KdfParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Walks the whole command tree: every command and group answers {@code --help} with exit 0 and
 * nothing on stderr, the first line of every description is a whole sentence (lists of commands show
 * only that line), and every option and parameter says in one line what it is for.
 */
class CommandTreeHelpTest {

  private static final CommandLine TREE = CofferCommand.newCommandLine(new Environment(Map.of(),
      new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), Optional.empty(), Optional.empty(),
      KdfParams.weakForTests(), TestData.masterKeys("CommandTreeHelpTest")));

  @Test
  void everyCommandAndGroupAnswersHelpWithExitZero() {
    List<String> failures = new ArrayList<>();
    // picocli reports a description it cannot format (a lone %) on System.err, not on the command's writer.
    PrintStream systemErr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      for (CommandSpec command : commands()) {
        List<String> args = new ArrayList<>(path(command));
        args.add("--help");
        Cli.Result r = new Cli().run(args.toArray(String[]::new));
        if (r.code() != 0 || !r.err().isEmpty() || !r.out().contains("Usage: coffer")) {
          failures.add(String.join(" ", args) + " exited " + r.code() + ": " + r.err().strip());
        }
      }
    } finally {
      System.setErr(systemErr);
    }
    assertThat(failures).as("commands whose --help fails").isEmpty();
    assertThat(warnings.toString(StandardCharsets.UTF_8)).as("picocli's warnings while printing help").isEmpty();
  }

  @Test
  void firstLineOfEveryDescriptionIsAWholeSentence() {
    List<String> cut = new ArrayList<>();
    for (CommandSpec command : commands()) {
      String[] description = command.usageMessage().description();
      String first = description.length == 0 ? "" : description[0].strip();
      if (!first.endsWith(".")) {
        cut.add(command.qualifiedName() + ": \"" + first + "\"");
      }
    }
    assertThat(cut).as("commands whose listed description is missing or cut mid-sentence").isEmpty();
  }

  @Test
  void everyOptionAndParameterHasADescription() {
    List<String> bare = new ArrayList<>();
    for (CommandSpec command : commands()) {
      List<ArgSpec> args = new ArrayList<>(command.options());
      args.addAll(command.positionalParameters());
      for (ArgSpec arg : args) {
        boolean described = arg.description().length > 0 && !arg.description()[0].isBlank();
        if (!arg.hidden() && !described) {
          bare.add(command.qualifiedName() + " " + arg.paramLabel() + (arg.isOption()
              ? " (" + ((CommandLine.Model.OptionSpec) arg).longestName() + ")" : ""));
        }
      }
    }
    assertThat(bare).as("options and parameters without a description").isEmpty();
  }

  private static List<CommandSpec> commands() {
    List<CommandSpec> all = new ArrayList<>();
    collect(TREE, all);
    return all;
  }

  private static void collect(CommandLine command, List<CommandSpec> all) {
    all.add(command.getCommandSpec());
    for (CommandLine sub : command.getSubcommands().values()) {
      if (!all.contains(sub.getCommandSpec())) {
        collect(sub, all);
      }
    }
  }

  private static List<String> path(CommandSpec command) {
    List<String> names = new ArrayList<>();
    for (CommandSpec c = command; c.parent() != null; c = c.parent()) {
      names.add(0, c.name());
    }
    return names;
  }
}
