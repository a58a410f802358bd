package io.coffer.cli.agent;

import io.coffer.catalog.agent.Agent;
import io.coffer.catalog.agent.AgentStatus;
import io.coffer.catalog.agent.AgentUpdate;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Settings;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer agent update AGENT}. */
@Command(name = "update", description = "Change an agent's status, remarks or settings.")
final class AgentUpdateCommand extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "Id or name of the agent.")
  String agent;

  @Option(names = "--status", paramLabel = "RUNNING|DOWN", description = "A DOWN agent takes no jobs.")
  String status;

  @Option(names = "--remarks", paramLabel = "TEXT", description = "Free text.")
  String remarks;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set one of the agent's settings (repeatable).")
  List<String> settings = List.of();

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Agent id / name", "#0", () -> agent, v -> agent = v),
        Question.optional("Status", "--status", () -> status, v -> status = v, ""),
        Question.optional("Remarks", "--remarks", () -> remarks, v -> remarks = v, ""));
  }

  @Override
  protected int run(Coffer coffer) {
    AgentUpdate update = new AgentUpdate();
    if (status != null && !status.isBlank()) {
      update.status(AgentStatus.parse(status));
    }
    if (remarks != null && !remarks.isBlank()) {
      update.remarks(remarks);
    }
    Agent changed = coffer.agents().update(agent, update);
    for (String setting : settings) {
      String[] pair = Settings.split(setting);
      coffer.agents().set(changed.name(), pair[0], pair[1]);
    }
    say("[Done] agent " + changed.name() + " updated.");
    if (machineReadable()) {
      print(AgentDetails.of(changed, coffer.agents().settings(changed.name())));
    }
    return 0;
  }
}
