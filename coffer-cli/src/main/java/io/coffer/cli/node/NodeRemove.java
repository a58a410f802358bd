package io.coffer.cli.node;

import io.coffer.cli.session.DestructiveCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer node remove NODE}: refused while definitions or backups refer to it. */
@Command(name = "remove", description = "Remove a node that no definition, one-off or backup refers to.")
final class NodeRemove extends DestructiveCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "Id or name of the node.")
  String node;


  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Node id / name", "#0", () -> node, v -> node = v));
  }

  @Override
  protected String action() {
    return "remove node " + node + "";
  }

  @Override
  protected int run(Coffer coffer) {
    coffer.nodes().remove(node);
    say("[Done] node " + node + " removed.");
    return 0;
  }
}
