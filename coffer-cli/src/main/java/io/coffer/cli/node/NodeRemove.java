package io.coffer.cli.node;

import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer node remove NODE}: refused while definitions or backups refer to it. */
@Command(name = "remove", description = "Remove a node that no definition, one-off or backup refers to.")
final class NodeRemove extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "Id or name of the node.")
  String node;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Node id / name", "#0", () -> node, v -> node = v));
  }

  @Override
  protected String confirmation() {
    return "Are you sure you want to remove node " + node + "?";
  }

  @Override
  protected boolean assumeYes() {
    return yes;
  }

  @Override
  protected int run(Coffer coffer) {
    coffer.catalog().nodes().remove(node);
    say("[Done] node " + node + " removed.");
    return 0;
  }
}
