package io.coffer.cli.agent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coffer agent}: the hosts that run backups (PgBackMan's backup servers). */
@Command(name = "agent", description = "Register and manage agents: the hosts that run backups and restores.",
    subcommands = {AgentAdd.class, AgentList.class, AgentShow.class, AgentUpdateCommand.class, AgentRemove.class,
        AgentRunDue.class, AgentRun.class})
public final class AgentCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
