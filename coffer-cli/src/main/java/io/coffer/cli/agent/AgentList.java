package io.coffer.cli.agent;

import io.coffer.catalog.agent.Agent;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import picocli.CommandLine.Command;

/** {@code coffer agent list}. */
@Command(name = "list", description = "List the agents.")
final class AgentList extends EngineCommand {

  @Override
  protected int run(Coffer coffer) {
    Rows rows = new Rows("ID", "NAME", "STATUS", "LAST HEARTBEAT", "REMARKS").alignRight(0);
    for (Agent a : coffer.catalog().agents().list()) {
      rows.add(a.id(), a.name(), a.status(), Text.time(a.heartbeat()), a.remarks());
    }
    print(rows, "No agents registered.");
    return 0;
  }
}
