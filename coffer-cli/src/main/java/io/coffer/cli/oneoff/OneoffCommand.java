package io.coffer.cli.oneoff;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer oneoff}. */
@Command(name = "oneoff", description = "Plan backups that run once at a given time.",
    subcommands = {OneoffAdd.class, OneoffList.class, OneoffShow.class, OneoffRemove.class})
public final class OneoffCommand extends CommandGroup {}
