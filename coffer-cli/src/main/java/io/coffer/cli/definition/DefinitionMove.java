package io.coffer.cli.definition;

import io.coffer.catalog.definition.Definition;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer definition move ID… --agent A}. */
@Command(name = "move", description = "Re-assign definitions to another agent.")
final class DefinitionMove extends EngineCommand {

  @Parameters(index = "0..*", arity = "0..*", paramLabel = "ID", description = "Ids of the definitions.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--agent", paramLabel = "AGENT", description = "The agent that runs them from now on.")
  String agent;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Definition ids (comma-separated)", "#0", () -> String.join(",", ids),
            v -> ids = List.of(v.split("\\s*,\\s*"))),
        Question.required("Agent id / name", "--agent", () -> agent, v -> agent = v));
  }

  @Override
  protected int run(Coffer coffer) {
    List<Long> parsed = ids.stream().map(id -> Ids.parse("definition", id)).toList();
    List<Definition> moved = coffer.definitions().move(parsed, agent);
    if (machineReadable()) {
      print(DefinitionDetails.rows(moved), "");
    } else {
      say("[Done] " + moved.size() + " definitions now run on agent " + agent + ".");
    }
    return 0;
  }
}
