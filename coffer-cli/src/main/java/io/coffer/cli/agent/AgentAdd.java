package io.coffer.cli.agent;

import io.coffer.catalog.agent.Agent;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer agent add HOST}. */
@Command(name = "add", description = "Register an agent.")
final class AgentAdd extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "HOST", description = "Host name of the agent.")
  String host;

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "Domain, appended to the host name.")
  String domain;

  @Option(names = "--remarks", paramLabel = "TEXT", description = "Free text.")
  String remarks;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Hostname", "#0", () -> host, v -> host = v),
        Question.optional("Domain", "--domain", () -> domain, v -> domain = v, ""),
        Question.optional("Remarks", "--remarks", () -> remarks, v -> remarks = v, ""));
  }

  @Override
  protected int run(Coffer coffer) {
    Agent agent = coffer.agents().add(new NewAgent(host, domain, remarks));
    if (machineReadable()) {
      print(AgentDetails.of(agent, List.of()));
    } else {
      say("[Done] agent " + agent.name() + " registered (id " + agent.id() + ").");
    }
    return 0;
  }
}
