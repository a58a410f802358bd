package io.coffer.cli.agent;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer agent}: the hosts that run backups (PgBackMan's backup servers). */
@Command(name = "agent", description = "Register and manage agents: the hosts that run backups and restores.",
    subcommands = {AgentAdd.class, AgentList.class, AgentShow.class, AgentUpdateCommand.class, AgentRemove.class,
        AgentRunDue.class, AgentRun.class})
public final class AgentCommand extends CommandGroup {}
