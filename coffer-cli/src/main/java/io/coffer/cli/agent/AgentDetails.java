package io.coffer.cli.agent;

import io.coffer.catalog.agent.Agent;
import io.coffer.catalog.config.ConfigEntry;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import java.util.List;

/** How an agent is shown. */
final class AgentDetails {

  private AgentDetails() {}

  static Details of(Agent agent, List<ConfigEntry> config) {
    Rows settings = new Rows("KEY", "VALUE", "FROM");
    config.forEach(e -> settings.add(e.key(), e.value(), e.inherited() ? "default" : "agent"));
    return new Details()
        .add("Id", agent.id())
        .add("Name", agent.name())
        .add("Host", agent.host())
        .add("Domain", agent.domain())
        .add("Status", agent.status())
        .add("State", agent.online(java.time.Instant.now()) ? "ONLINE" : "OFFLINE")
        .add("Version", agent.version())
        .add("Started", Text.time(agent.startedAt()))
        .add("Last heartbeat", Text.time(agent.heartbeat()))
        .add("Remarks", agent.remarks())
        .add("Registered", Text.time(agent.createdAt()))
        .add("Updated", Text.time(agent.updatedAt()))
        .table("Settings", settings);
  }
}
