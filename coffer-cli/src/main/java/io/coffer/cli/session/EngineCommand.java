package io.coffer.cli.session;

import io.coffer.catalog.run.InterruptedRun;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.CommandBase;
import io.coffer.cli.remote.Remote;
import io.coffer.cli.remote.RemoteOptions;
import io.coffer.cli.remote.RemoteServer;
import io.coffer.engine.config.CofferConfig;
import io.coffer.cli.passphrase.Passphrases;
import io.coffer.engine.Coffer;
import io.coffer.repo.Volume;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * A command that works through the engine: it fills in missing values (asking for them in the
 * shell, refusing without them elsewhere), asks before destroying anything when someone can
 * answer, opens the engine from the configuration (or borrows the shell session's), runs, and
 * prints its result as a table, JSON or CSV.
 */
public abstract class EngineCommand extends CommandBase {

  @Mixin private CsvOption csv;

  @Override
  public final Integer call() {
    Optional<EngineSessions.Session> session = EngineSessions.of(spec.root().userObject());
    Interaction interaction = session.map(EngineSessions.Session::interaction).orElse(null);
    if (!complete(interaction)) {
      return 0;
    }
    String confirmation = confirmation();
    if (confirmation != null && !assumeYes() && interaction != null
        && !yes(interaction.ask("# " + confirmation + " (yes/no): "))) {
      out().println("Cancelled; nothing was changed.");
      out().flush();
      return 0;
    }
    if (session.isPresent()) {
      return runReporting(session.get().coffer());
    }
    CofferConfig config = config();
    RemoteOptions remote = CofferCommand.server(spec);
    Optional<String> server = remote.server(config.client());
    if (server.isPresent()) {
      // Only here is the HTTP client loaded: a command against the catalog here never touches it.
      return runRemote(RemoteServer.connect(server.get(), remote, config.client(), env().variables()));
    }
    if (derivesAKey()) {
      Volume.prepareToOpen();
    }
    try (Coffer coffer = Coffer.open(config, location -> new Passphrases(env()).existing(location))) {
      return runReporting(coffer);
    }
  }

  /**
   * Whether the command opens a volume once it has read the catalog: the key derivation's library is
   * then bound on another thread while the catalog opens.
   */
  protected boolean derivesAKey() {
    return false;
  }

  /**
   * Runs, then tells of runs that gone processes left RUNNING and that opening the catalog ended. A
   * command that changes something and is refused (or fails) is put in the history unless a layer
   * below recorded it already, so that {@code history} shows everything tried.
   */
  private int runReporting(Coffer coffer) {
    try {
      return run(coffer);
    } catch (RuntimeException e) {
      if (RefusedCommand.changes(spec)) {
        coffer.recordRefusal(RefusedCommand.action(spec), RefusedCommand.subject(spec), RefusedCommand.request(spec), e);
      }
      throw e;
    } finally {
      for (InterruptedRun run : coffer.catalogLink().takeInterrupted()) {
        err().println("coffer: warning: " + run);
      }
      err().flush();
    }
  }

  /** Does the work; returns the exit code. */
  protected abstract int run(Coffer coffer);

  /**
   * Does the work through a server's API ({@code coffer --server URL …}); the commands that make
   * sense from afar override it, the others say where they are available.
   */
  protected int runRemote(RemoteServer server) {
    throw Remote.notRemote(spec);
  }

  /** The values this command can ask for, in the order asked. */
  protected List<Question> questions() {
    return List.of();
  }

  /**
   * True when the command cannot run with what it was given, so that someone should be asked: by
   * default when a required value is missing. Commands whose values are required in combinations
   * say so themselves.
   */
  protected boolean incomplete() {
    return questions().stream().anyMatch(q -> q.required() && q.missing());
  }

  /** For a destructive command, the question to confirm it; null for the others. */
  protected String confirmation() {
    return null;
  }

  /**
   * Asks {@code question} (yes/no) of whoever can answer, for a command that learns only while it
   * runs what it would destroy. True when the answer is yes, and when there is no one to ask: then
   * the command line's options stand on their own, as they do for {@link #confirmation()}.
   */
  protected boolean confirmedWhileRunning(String question) {
    Optional<Interaction> interaction = EngineSessions.of(spec.root().userObject())
        .map(EngineSessions.Session::interaction);
    return interaction.isEmpty() || yes(interaction.get().ask("# " + question + " (yes/no): "));
  }

  /** True when someone can be asked (the shell), so a command may show a plan and ask about it. */
  protected boolean canAsk() {
    return EngineSessions.of(spec.root().userObject()).map(EngineSessions.Session::interaction).isPresent();
  }

  /** True when the command was told not to ask ({@code --yes}). */
  protected boolean assumeYes() {
    return false;
  }

  protected void print(Rows rows, String empty) {
    rows.print(out(), format(), empty);
  }

  protected void print(Details details) {
    details.print(out(), format());
  }

  /** A line for people; nothing in JSON or CSV mode, where the printed result says it all. */
  protected void say(String line) {
    if (format() == Format.TABLE) {
      out().println(line);
      out().flush();
    }
  }

  protected boolean machineReadable() {
    return format() != Format.TABLE;
  }

  private Format format() {
    return json() ? Format.JSON : csv.csv ? Format.CSV : Format.TABLE;
  }

  /**
   * PgBackMan's way: when a required value is missing and someone can answer, every value not given
   * is asked for with its default in brackets, then confirmed as a whole. Without anyone to ask, a
   * missing required value is a usage error naming the option.
   */
  private boolean complete(Interaction interaction) {
    List<Question> questions = questions();
    if (!incomplete()) {
      return true;
    }
    if (interaction == null) {
      Question first = questions.stream().filter(q -> q.required() && q.missing()).findFirst().orElse(null);
      if (first == null) {
        // Only the command knows which combination it lacks; it says so itself.
        return true;
      }
      throw new ParameterException(spec.commandLine(), "Missing required " + describe(first) + ": " + first.label());
    }
    interaction.say("--------------------------------------------------------");
    for (Question question : questions) {
      if (given(question)) {
        continue;
      }
      String current = question.missing() ? question.defaultValue() : question.value().get();
      String answer = answer(interaction, question, current);
      if (answer == null) {
        return false;
      }
      question.setter().accept(answer);
    }
    interaction.say("");
    boolean correct = yes(interaction.ask("# Are all values correct (yes/no): "));
    interaction.say("--------------------------------------------------------");
    if (!correct) {
      out().println("Cancelled; nothing was changed.");
      out().flush();
      return false;
    }
    Question stillMissing = questions.stream().filter(q -> q.required() && q.missing()).findFirst().orElse(null);
    if (stillMissing != null) {
      throw new ParameterException(spec.commandLine(), "Missing required " + describe(stillMissing) + ": "
          + stillMissing.label());
    }
    return true;
  }

  /**
   * Asks {@code question} until the answer passes its check; the answers already given stay as they
   * are. Null at end of input.
   */
  private static String answer(Interaction interaction, Question question, String current) {
    while (true) {
      String typed = interaction.ask("# " + question.label() + " [" + current + "]: ");
      if (typed == null) {
        return null;
      }
      String answer = typed.isBlank() ? current : typed.strip();
      if (answer.isBlank()) {
        return answer;
      }
      try {
        question.check().accept(answer);
        return answer;
      } catch (RuntimeException refused) {
        interaction.say("  " + refused.getMessage() + " (answer again)");
      }
    }
  }

  private boolean given(Question question) {
    ParseResult parsed = spec.commandLine().getParseResult();
    if (question.option().startsWith("#")) {
      return parsed.hasMatchedPositional(Integer.parseInt(question.option().substring(1)));
    }
    OptionSpec option = spec.findOption(question.option());
    return option != null && parsed.hasMatchedOption(option);
  }

  private String describe(Question question) {
    if (question.option().startsWith("#")) {
      int index = Integer.parseInt(question.option().substring(1));
      return "parameter '" + spec.positionalParameters().get(index).paramLabel() + "'";
    }
    return "option '" + question.option() + "'";
  }

  private static boolean yes(String answer) {
    return answer != null && (answer.strip().equalsIgnoreCase("yes") || answer.strip().equalsIgnoreCase("y"));
  }

  /** What the node said of a definition's or one-off's databases: a warning when it could not be asked; what patterns match now. */
  protected void tellDatabaseCheck(io.coffer.engine.definition.DatabaseCheck check) {
    if (!check.reachable()) {
      err().println("coffer: warning: the databases were not checked on node " + check.node() + " (" + check.reason()
          + "); a database it does not have fails its runs");
      err().flush();
    }
    for (io.coffer.engine.definition.DatabaseCheck.PatternMatch match : check.matches()) {
      say(match.pattern() + " matches now: " + (match.databases().isEmpty() ? "nothing"
          : String.join(", ", match.databases())) + " (expanded again at every run).");
    }
  }
}
