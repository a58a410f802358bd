package io.coffer.cli.node;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coffer node}: the database servers and data directories backed up. */
@Command(name = "node", description = "Register and manage nodes: the database servers and directories backed up.",
    subcommands = {NodeAdd.class, NodeList.class, NodeShow.class, NodeUpdateCommand.class, NodeRemove.class,
        NodeDatabases.class})
public final class NodeCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
