package io.coffer.cli.restore;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer restore}. */
@Command(name = "restore", description = "Restore backups now or at a given time; list and show restores.",
    subcommands = {RestoreRun.class, RestoreList.class, RestoreShow.class, RestoreAdd.class, RestoreScheduled.class,
        RestoreRemove.class})
public final class RestoreCommand extends CommandGroup {}
