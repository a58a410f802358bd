package io.coffer.cli.volume;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer volume}: the commands that work on a volume given by its location. */
@Command(
    name = "volume",
    description = "Create, fill, read, check and prune volumes (a directory or s3://bucket/prefix).",
    subcommands = {
      InitCommand.class,
      PutCommand.class,
      LsCommand.class,
      CatCommand.class,
      VolumeRestoreCommand.class,
      CheckCommand.class,
      ForgetCommand.class,
      PruneCommand.class,
      RepairIndexCommand.class,
      KeyCommand.class,
      VolumeStatsCommand.class,
      UnlockCommand.class
    })
public final class VolumeCommand extends CommandGroup {}
