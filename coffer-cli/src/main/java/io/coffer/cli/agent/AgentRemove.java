package io.coffer.cli.agent;

import io.coffer.cli.session.DestructiveCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer agent remove AGENT}: refused while definitions use it. */
@Command(name = "remove", description = "Remove an agent that no definition, one-off or restore uses.")
final class AgentRemove extends DestructiveCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "Id or name of the agent.")
  String agent;


  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Agent id / name", "#0", () -> agent, v -> agent = v));
  }

  @Override
  protected String action() {
    return "remove agent " + agent + "";
  }

  @Override
  protected int run(Coffer coffer) {
    coffer.agents().remove(agent);
    say("[Done] agent " + agent + " removed.");
    return 0;
  }
}
