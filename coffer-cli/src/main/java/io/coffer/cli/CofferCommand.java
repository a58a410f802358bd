package io.coffer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code coffer} command; subcommands are registered here. */
@Command(
    name = "coffer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Backup manager for databases: deduplicated, compressed, encrypted volumes.")
public final class CofferCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A configured command line; tests use it in-process with captured output. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new CofferCommand());
  }
}
