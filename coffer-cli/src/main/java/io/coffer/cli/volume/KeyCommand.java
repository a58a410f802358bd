package io.coffer.cli.volume;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coffer volume key}: the passphrases that open a volume. */
@Command(
    name = "key",
    description = "Manage the passphrases that open a volume.",
    subcommands = {KeyListCommand.class, KeyAddCommand.class, KeyRemoveCommand.class, KeyPasswdCommand.class})
final class KeyCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
