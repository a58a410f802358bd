package io.coffer.cli.definition;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer definition}: scheduled backups. */
@Command(name = "definition", description = "Define scheduled backups: what, from which node, when, how, how long.",
    subcommands = {DefinitionAdd.class, DefinitionList.class, DefinitionShow.class, DefinitionUpdateCommand.class,
        DefinitionRemove.class, DefinitionMove.class})
public final class DefinitionCommand extends CommandGroup {}
