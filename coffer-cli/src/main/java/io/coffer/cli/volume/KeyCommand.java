package io.coffer.cli.volume;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coffer volume key}: the passphrases that open a volume. */
@Command(
    name = "key",
    description = "Manage the passphrases that open a volume.",
    subcommands = {KeyListCommand.class, KeyAddCommand.class, KeyRemoveCommand.class, KeyPasswdCommand.class})
final class KeyCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
