package io.coffer.cli.shell;

import io.coffer.cli.CofferCommand;
import io.coffer.cli.Environment;
import io.coffer.cli.session.EngineSessions;
import io.coffer.cli.session.Interaction;
import io.coffer.engine.Coffer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * One shell session: a line reader on a terminal, one command line whose commands share one engine
 * (so a volume's key is derived once per session), and the interaction that asks for missing values.
 *
 * <p>Lifecycle: {@link #run()} reads lines until {@code quit}, {@code exit} or end of input; the
 * engine is closed by whoever opened it.
 */
final class ShellSession {

  static final String PROMPT = "[coffer]$ ";

  private final CommandLine commandLine;
  private final LineReader reader;
  private final PrintWriter out;
  private final Object root;

  ShellSession(Environment env, Terminal terminal, Coffer coffer, PrintWriter out, PrintWriter err, Path history) {
    this.commandLine = CofferCommand.newCommandLine(env).setOut(out).setErr(err);
    this.root = commandLine.getCommandSpec().userObject();
    this.out = out;
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]);
    this.reader = LineReaderBuilder.builder()
        .appName("coffer")
        .terminal(terminal)
        .parser(parser)
        .completer(new AggregateCompleter(new PicocliJLineCompleter(commandLine.getCommandSpec()),
            new CatalogNames(coffer)))
        .variable(LineReader.HISTORY_FILE, history)
        .build();
    EngineSessions.attach(root, new EngineSessions.Session(coffer, new ReaderInteraction()));
  }

  /** Reads and runs commands; returns the exit code of the last one. */
  int run() {
    out.println("Welcome to the Coffer shell. Type help for the commands, help COMMAND for one, quit to leave.");
    out.flush();
    int last = 0;
    try {
      while (true) {
        String line;
        try {
          line = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        List<String> words = words(line);
        if (words.isEmpty()) {
          continue;
        }
        if (words.size() == 1 && (words.get(0).equals("quit") || words.get(0).equals("exit"))) {
          break;
        }
        if (words.get(0).equals("shell")) {
          out.println("coffer: already in the shell");
          out.flush();
          continue;
        }
        last = commandLine.execute(words.toArray(String[]::new));
      }
    } finally {
      // What the line reader wrote (the last prompt, the last question) may still sit in the
      // terminal's writer; closing the terminal does not flush it, and a script's reader would
      // see the output end mid-prompt.
      reader.getTerminal().writer().flush();
      reader.getTerminal().flush();
      EngineSessions.detach(root);
      try {
        reader.getHistory().save();
      } catch (java.io.IOException e) {
        out.println("coffer: cannot save the shell history: " + e.getMessage());
      }
    }
    out.flush();
    return last;
  }

  private List<String> words(String line) {
    List<String> words = new ArrayList<>(reader.getParser().parse(line, line.length()).words());
    words.removeIf(String::isEmpty);
    return words;
  }

  /** Questions go through the same line reader, so scripted input answers them in order. */
  private final class ReaderInteraction implements Interaction {
    @Override
    public String ask(String question) {
      try {
        return reader.readLine(question);
      } catch (UserInterruptException | EndOfFileException e) {
        return null;
      } finally {
        reader.getTerminal().writer().flush();
      }
    }

    @Override
    public void say(String line) {
      out.println(line);
      out.flush();
    }
  }
}
