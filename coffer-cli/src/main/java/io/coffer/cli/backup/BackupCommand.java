package io.coffer.cli.backup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coffer backup}. */
@Command(name = "backup", description = "Run backups now; list, show, look into, verify and delete backups.",
    subcommands = {BackupRun.class, BackupList.class, BackupShow.class, BackupContents.class, BackupVerify.class,
        BackupDelete.class, BackupAbort.class})
public final class BackupCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
