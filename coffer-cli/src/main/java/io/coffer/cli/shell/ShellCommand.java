package io.coffer.cli.shell;

import io.coffer.cli.session.EngineCommand;
import io.coffer.engine.Coffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;

/**
 * {@code coffer shell}: the interactive shell. On a terminal it uses the terminal; otherwise (a pipe,
 * a test) it reads commands from standard input, one a line, which is how it is scripted.
 */
@Command(name = "shell", description = {"Start the interactive shell.",
    "It keeps a history, completes commands and catalog names with tab, and has help; commands typed without",
    "their arguments ask for them."})
public final class ShellCommand extends EngineCommand {

  /**
   * JLine reports the end of piped input as an I/O error of its output pump, with a stack trace,
   * on java.util.logging; that is the normal end of a script, not something to show. Held in a
   * field because the logging framework keeps loggers only weakly.
   */
  private static final Logger JLINE = Logger.getLogger("org.jline");

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
    JLINE.setLevel(Level.SEVERE);
    if (env().prompt().isPresent()) {
      return TerminalBuilder.builder().system(true).build();
    }
    // A dumb terminal of a fixed size (without one the line reader cuts prompts to nothing) that
    // does not echo: the script's lines are already where they came from.
    Attributes quiet = new Attributes();
    quiet.setLocalFlag(Attributes.LocalFlag.ECHO, false);
    return TerminalBuilder.builder().system(false).type(Terminal.TYPE_DUMB).size(new Size(160, 50)).attributes(quiet)
        .streams(env().stdin(), env().stdout()).encoding(StandardCharsets.UTF_8).build();
  }
}
