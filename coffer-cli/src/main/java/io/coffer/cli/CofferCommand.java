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
import io.coffer.cli.session.EngineErrors;
import io.coffer.cli.shell.CompletionCommand;
import io.coffer.cli.shell.ShellCommand;
import io.coffer.cli.demo.DemoCommand;
import io.coffer.cli.volume.VolumeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The root {@code coffer} command; subcommands are registered here. */
@Command(
    name = "coffer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Backup manager for databases: deduplicated, compressed, encrypted volumes.",
    subcommands = {
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
      CommandLine.HelpCommand.class
    })
public final class CofferCommand implements Runnable {

  @CommandLine.Spec CommandSpec spec;

  @CommandLine.Mixin io.coffer.cli.remote.RemoteOptions server;

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
  public static io.coffer.cli.remote.RemoteOptions server(CommandSpec spec) {
    return ((CofferCommand) spec.root().userObject()).server;
  }

  /** The environment of the root command that {@code spec} belongs to. */
  public static Environment environment(CommandSpec spec) {
    return ((CofferCommand) spec.root().userObject()).environment();
  }

  /** A configured command line; tests use it in-process with their own environment and writers. */
  public static CommandLine newCommandLine(Environment environment) {
    ErrorHandler errors = new ErrorHandler();
    CommandLine commandLine = new CommandLine(new CofferCommand(environment));
    CommandLine volume = commandLine.getSubcommands().get("volume");
    volume.addSubcommand(VolumeAdd.class).addSubcommand(VolumeList.class).addSubcommand(VolumeShow.class)
        .addSubcommand(VolumeRemove.class);
    return commandLine
        .setExecutionExceptionHandler(new EngineErrors(errors))
        .setParameterExceptionHandler(errors)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }
}
