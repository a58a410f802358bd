package io.coffer.cli.volume;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer volume key}: the passphrases that open a volume. */
@Command(
    name = "key",
    description = "Manage the passphrases that open a volume.",
    subcommands = {KeyListCommand.class, KeyAddCommand.class, KeyRemoveCommand.class, KeyPasswdCommand.class})
final class KeyCommand extends CommandGroup {}
