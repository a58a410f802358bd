package io.coffer.cli.node;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer node}: the database servers and data directories backed up. */
@Command(name = "node", description = "Register and manage nodes: the database servers and directories backed up.",
    subcommands = {NodeAdd.class, NodeList.class, NodeShow.class, NodeUpdateCommand.class, NodeRemove.class,
        NodeDatabases.class})
public final class NodeCommand extends CommandGroup {}
