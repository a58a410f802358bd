package io.coffer.cli.node;

import io.coffer.catalog.node.Node;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer node show NODE}. */
@Command(name = "show", description = "Show a node and its settings.")
final class NodeShow extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "Id or name of the node.")
  String node;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Node id / name", "#0", () -> node, v -> node = v));
  }

  @Override
  protected int run(Coffer coffer) {
    Node shown = coffer.nodes().show(node);
    print(NodeDetails.of(shown, coffer.nodes().settings(shown.name())));
    return 0;
  }
}
