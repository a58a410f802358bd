package io.coffer.cli.agent;

import io.coffer.catalog.agent.Agent;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer agent show AGENT}. */
@Command(name = "show", description = "Show an agent and its settings.")
final class AgentShow extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "Id or name of the agent.")
  String agent;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Agent id / name", "#0", () -> agent, v -> agent = v));
  }

  @Override
  protected int run(Coffer coffer) {
    Agent shown = coffer.agents().show(agent);
    print(AgentDetails.of(shown, coffer.agents().settings(shown.name())));
    return 0;
  }
}
