package io.coffer.cli.backup;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer backup}. */
@Command(name = "backup", description = "Run backups now; list, show, look into, verify and delete backups.",
    subcommands = {BackupRun.class, BackupList.class, BackupShow.class, BackupContents.class, BackupVerify.class,
        BackupDelete.class, BackupAbort.class})
public final class BackupCommand extends CommandGroup {}
