package io.coffer.cli.retention;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer retention}. */
@Command(name = "retention", description = "Remove the backups retention no longer keeps, and free their space.",
    subcommands = {RetentionApply.class})
public final class RetentionCommand extends CommandGroup {}
