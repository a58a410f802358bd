package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.backup.BackupCommand;
import io.coffer.cli.node.NodeCommand;
import io.coffer.repo.MasterKeys;
import io.coffer.repo.crypto.KdfParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A process builds only the top-level command its arguments name; whatever needs the whole tree
 * (help, completion, a mistyped or missing command) gets all of it and answers as before.
 */
class CommandSelectionTest {

  private static final Environment ENV = new Environment(Map.of(), new ByteArrayInputStream(new byte[0]),
      new ByteArrayOutputStream(), Optional.empty(), Optional.empty(), KdfParams.weakForTests(),
      MasterKeys.random());

  private static List<Class<?>> needed(String... args) {
    CommandLine bare = new CommandLine(new CofferCommand(ENV));
    return CommandSelection.needed(bare.getCommandSpec(), args, CofferCommand.COMMANDS);
  }

  @Test
  void aNamedCommandIsBuiltAlone() {
    assertThat(needed("backup", "run", "--node", "pg")).containsExactly(BackupCommand.class);
    assertThat(needed("node", "list", "--help")).containsExactly(NodeCommand.class);
  }

  @Test
  void rootOptionsAndTheirValuesAreSkipped() {
    assertThat(needed("--server", "https://backup01:8443", "--token-file=t", "backup", "list"))
        .containsExactly(BackupCommand.class);
    assertThat(needed("--server", "backup", "node", "list")).containsExactly(NodeCommand.class);
  }

  @Test
  void versionNeedsNoCommands() {
    assertThat(needed("--version")).isEmpty();
    assertThat(needed("-V")).isEmpty();
  }

  @Test
  void whateverNeedsTheTreeGetsAllOfIt() {
    for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", "backup"},
        new String[] {"completion"}, new String[] {"bakup", "list"}, new String[] {"--no-such-option", "backup"},
        new String[] {"-hV"}, new String[] {"--", "backup"})) {
      assertThat(needed(args)).as(String.join(" ", args)).isEqualTo(CofferCommand.COMMANDS);
    }
  }

  @Test
  void helpAndSuggestionsReadAsWithTheWholeTree() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"bakup", "list"},
        new String[] {"backup", "--help"}, new String[] {"backup", "rn"}, new String[] {"volume", "--help"},
        new String[] {"help", "node"})) {
      assertThat(run(CofferCommand.forArguments(ENV, args), args))
          .as(String.join(" ", args)).isEqualTo(run(CofferCommand.newCommandLine(ENV), args));
    }
  }

  private static String run(CommandLine line, String[] args) {
    StringWriter out = new StringWriter();
    line.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true));
    int code = line.execute(args);
    return code + "\n" + out;
  }
}
