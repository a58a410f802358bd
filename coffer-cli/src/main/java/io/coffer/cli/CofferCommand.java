package io.coffer.cli;

import io.coffer.cli.access.TokenCommand;
import io.coffer.cli.access.UserCommand;
import io.coffer.cli.agent.AgentCommand;
import io.coffer.cli.backup.BackupCommand;
import io.coffer.cli.catalog.CatalogCommand;
import io.coffer.cli.definition.DefinitionCommand;
import io.coffer.cli.node.NodeCommand;
import io.coffer.cli.oneoff.OneoffCommand;
import io.coffer.cli.registration.VolumeAdd;
import io.coffer.cli.registration.VolumeList;
import io.coffer.cli.registration.VolumeRemove;
import io.coffer.cli.registration.VolumeShow;
import io.coffer.cli.report.HistoryCommand;
import io.coffer.cli.job.JobCommand;
import io.coffer.cli.report.StatsCommand;
import io.coffer.cli.restore.RestoreCommand;
import io.coffer.cli.retention.RetentionCommand;
import io.coffer.cli.server.ServerCommand;
import io.coffer.cli.remote.Remote;
import io.coffer.cli.remote.RemoteOptions;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.EngineErrors;
import io.coffer.cli.shell.CompletionCommand;
import io.coffer.cli.shell.ShellCommand;
import io.coffer.cli.demo.DemoCommand;
import io.coffer.cli.volume.VolumeCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** The root {@code coffer} command; subcommands are registered here. */
@Command(
    name = "coffer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Backup manager for databases: deduplicated, compressed, encrypted volumes.")
public final class CofferCommand implements Runnable {

  /**
   * The top-level commands, in the order help lists them. Not in the annotation: picocli would build
   * every one of them, with all their options, by reflection before running any (see
   * {@link #forArguments}).
   */
  static final List<Class<?>> COMMANDS = List.of(
      AgentCommand.class,
      NodeCommand.class,
      VolumeCommand.class,
      DefinitionCommand.class,
      OneoffCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      RetentionCommand.class,
      CatalogCommand.class,
      StatsCommand.class,
      HistoryCommand.class,
      JobCommand.class,
      ServerCommand.class,
      UserCommand.class,
      TokenCommand.class,
      ShellCommand.class,
      CompletionCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandSpec spec;

  @CommandLine.Mixin RemoteOptions server;

  private final Environment environment;

  public CofferCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public Environment environment() {
    return environment;
  }

  /** The root's {@code --server} options (given before the command: {@code coffer --server URL … backup list}). */
  public static RemoteOptions server(CommandSpec spec) {
    return ((CofferCommand) spec.root().userObject()).server;
  }

  /** The environment of the root command that {@code spec} belongs to. */
  public static Environment environment(CommandSpec spec) {
    return ((CofferCommand) spec.root().userObject()).environment();
  }

  /** A configured command line with every command; tests use it in-process with their own environment and writers. */
  public static CommandLine newCommandLine(Environment environment) {
    return configured(environment, COMMANDS);
  }

  /**
   * The command line of one process that runs {@code args}: only the top-level command they name is
   * built (with its subcommands). Building all of them took most of a short command's time before
   * its work began (about 1 s of a 1,000-row backup on two cores, docs/benchmarks.md); the others
   * are built when the arguments need them: help, completion, an unknown or missing command.
   */
  public static CommandLine forArguments(Environment environment, String[] args) {
    CommandLine bare = new CommandLine(new CofferCommand(environment));
    return configured(bare, CommandSelection.needed(bare.getCommandSpec(), args, COMMANDS));
  }

  /**
   * Runs the command the arguments name; with {@code --server}, one that cannot send itself to a
   * server is refused instead of working on what is here (catalog commands decide for themselves).
   */
  private static int execute(ParseResult parsed) {
    ParseResult last = parsed;
    boolean help = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
    while (last.hasSubcommand()) {
      last = last.subcommand();
      help |= last.isUsageHelpRequested();
    }
    Object command = last.commandSpec().userObject();
    RemoteOptions remote = ((CofferCommand) parsed.commandSpec().userObject()).server;
    if (!help) {
      try {
        remote.refuseTokenArgument();
      } catch (UserException e) {
        throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), e.getMessage(), e);
      }
    }
    if (!help && remote.server != null && command instanceof CommandBase && !(command instanceof EngineCommand)) {
      throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), "not remote",
          Remote.notRemote(last.commandSpec()));
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  private static CommandLine configured(Environment environment, List<Class<?>> commands) {
    return configured(new CommandLine(new CofferCommand(environment)), commands);
  }

  private static CommandLine configured(CommandLine commandLine, List<Class<?>> commands) {
    ErrorHandler errors = new ErrorHandler();
    for (Class<?> command : commands) {
      commandLine.addSubcommand(command);
    }
    CommandLine volume = commandLine.getSubcommands().get("volume");
    if (volume != null) {
      volume.addSubcommand(VolumeAdd.class).addSubcommand(VolumeList.class).addSubcommand(VolumeShow.class)
          .addSubcommand(VolumeRemove.class);
    }
    return commandLine
        .setExecutionStrategy(CofferCommand::execute)
        .setExecutionExceptionHandler(new EngineErrors(errors))
        .setParameterExceptionHandler(errors)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }
}
