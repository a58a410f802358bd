package io.coffer.cli;

import io.coffer.cli.demo.DemoCommand;
import io.coffer.cli.volume.VolumeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The root {@code coffer} command; subcommands are registered here. */
@Command(
    name = "coffer",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Backup manager for databases: deduplicated, compressed, encrypted volumes.",
    subcommands = {VolumeCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class CofferCommand implements Runnable {

  @CommandLine.Spec CommandSpec spec;

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

  /** The environment of the root command that {@code spec} belongs to. */
  public static Environment environment(CommandSpec spec) {
    return ((CofferCommand) spec.root().userObject()).environment();
  }

  /** A configured command line; tests use it in-process with their own environment and writers. */
  public static CommandLine newCommandLine(Environment environment) {
    ErrorHandler errors = new ErrorHandler();
    return new CommandLine(new CofferCommand(environment))
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }
}
