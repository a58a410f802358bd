package io.coffer.cli.node;

import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Rows;
import io.coffer.engine.Coffer;
import io.coffer.engine.node.NodeService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer node databases NODE}: the node's databases, flagging those no definition covers. */
@Command(name = "databases", description = "List a node's databases and flag those without a definition.")
final class NodeDatabases extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "Id or name of the node.")
  String node;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Node id / name", "#0", () -> node, v -> node = v));
  }

  @Override
  protected int run(Coffer coffer) {
    Rows rows = new Rows("DATABASE", "DEFINED");
    for (NodeService.Database database : coffer.nodes().databases(node)) {
      rows.add(database.name(), database.defined() ? "yes" : "NO DEFINITION");
    }
    print(rows, "Node " + node + " has no databases.");
    return 0;
  }
}
