package io.coffer.cli.shell;

import io.coffer.cli.session.EngineCommand;
import io.coffer.engine.Coffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;

/**
 * {@code coffer shell}: the interactive shell. On a terminal it uses the terminal; otherwise (a pipe,
 * a test) it reads commands from standard input, one a line, which is how it is scripted.
 */
@Command(name = "shell", description = {"Start the interactive shell: history, tab completion of commands and",
    "catalog names, help; commands typed without their arguments ask for them."})
public final class ShellCommand extends EngineCommand {

  @Override
  protected int run(Coffer coffer) {
    Path history = coffer.config().home().resolve("shell-history");
    try {
      Files.createDirectories(history.getParent());
      try (Terminal terminal = terminal()) {
        return new ShellSession(env(), terminal, coffer, out(), err(), history).run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the shell", e);
    }
  }

  private Terminal terminal() throws IOException {
    if (env().prompt().isPresent()) {
      return TerminalBuilder.builder().system(true).build();
    }
    // A dumb terminal of a fixed size: without a size the line reader cuts prompts to nothing.
    return TerminalBuilder.builder().system(false).type(Terminal.TYPE_DUMB).size(new Size(160, 50))
        .streams(env().stdin(), env().stdout()).encoding(StandardCharsets.UTF_8).build();
  }
}
