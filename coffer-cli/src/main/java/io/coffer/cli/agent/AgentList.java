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
    Rows rows = new Rows("ID", "NAME", "STATUS", "STATE", "VERSION", "LAST HEARTBEAT", "RUNNING JOBS", "REMARKS")
        .alignRight(0, 6);
    java.time.Instant now = java.time.Instant.now();
    java.util.Map<String, Long> running = coffer.jobs().list(io.coffer.catalog.job.JobState.RUNNING, 10_000).stream()
        .collect(java.util.stream.Collectors.groupingBy(j -> String.valueOf(j.claimedBy()),
            java.util.stream.Collectors.counting()));
    for (Agent a : coffer.agents().list()) {
      rows.add(a.id(), a.name(), a.status(), a.online(now) ? "ONLINE" : "OFFLINE", a.version(),
          Text.time(a.heartbeat()), running.getOrDefault(a.name(), 0L), a.remarks());
    }
    print(rows, "No agents registered.");
    return 0;
  }
}
