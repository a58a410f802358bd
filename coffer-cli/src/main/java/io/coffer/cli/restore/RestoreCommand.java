package io.coffer.cli.restore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coffer restore}. */
@Command(name = "restore", description = "Restore backups now or at a given time; list and show restores.",
    subcommands = {RestoreRun.class, RestoreList.class, RestoreShow.class, RestoreAdd.class, RestoreScheduled.class,
        RestoreRemove.class})
public final class RestoreCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
