package io.coffer.cli.demo;

import io.coffer.cli.CofferCommand;
import io.coffer.cli.Environment;
import io.coffer.cli.UserException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs coffer commands inside the demo exactly as a person would type them, so the demo shows the
 * real commands and their real output. In JSON mode each command runs with {@code --json} and its
 * output is returned for the demo's own JSON result instead of being shown.
 */
final class DemoShell {

  private final Environment env;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  DemoShell(Environment env, PrintWriter out, PrintWriter err, boolean json) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.json = json;
  }

  /** Shows {@code $ coffer args} and its output (or, in JSON mode, runs it silently); returns its stdout. */
  String run(String... args) {
    if (!json) {
      out.println();
      out.println("$ coffer " + String.join(" ", java.util.Arrays.stream(args).map(DemoShell::quoted).toList()));
      out.flush();
    }
    String text = execute(json ? withJson(args) : args);
    if (!json) {
      out.print(text);
      out.flush();
    }
    return text;
  }

  /** An argument as a shell needs it typed: single-quoted when it holds blanks or shell characters. */
  static String quoted(String arg) {
    return arg.matches("[A-Za-z0-9_./:=@,+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }

  private String execute(String... args) {
    StringWriter captured = new StringWriter();
    int code =
        CofferCommand.newCommandLine(env)
            .setOut(new PrintWriter(captured, true))
            .setErr(err)
            .execute(args);
    if (code != 0) {
      throw new UserException("demo step `coffer " + String.join(" ", args) + "` failed with exit code " + code);
    }
    return captured.toString();
  }

  private static String[] withJson(String[] args) {
    List<String> a = new ArrayList<>(Arrays.asList(args));
    a.add("--json");
    return a.toArray(String[]::new);
  }
}
