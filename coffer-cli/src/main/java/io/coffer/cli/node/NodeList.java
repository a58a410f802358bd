package io.coffer.cli.node;

import io.coffer.catalog.node.Node;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Rows;
import io.coffer.engine.Coffer;
import picocli.CommandLine.Command;

/** {@code coffer node list}. */
@Command(name = "list", description = "List the nodes.")
final class NodeList extends EngineCommand {

  @Override
  protected int run(Coffer coffer) {
    Rows rows = new Rows("ID", "NAME", "ENGINE", "WHERE", "STATUS", "REMARKS").alignRight(0);
    for (Node n : coffer.nodes().list()) {
      String where = n.engine().isServer() ? n.adminUser() + "@" + n.host() + ":" + n.port() : n.dataDirectory();
      rows.add(n.id(), n.name(), n.engine().toString(), where, n.status(), n.remarks());
    }
    print(rows, "No nodes registered.");
    return 0;
  }
}
