package io.coffer.cli.node;

import io.coffer.catalog.node.Node;
import io.coffer.cli.session.AnywhereCommand;
import io.coffer.cli.session.Operations;
import io.coffer.cli.session.Rows;
import picocli.CommandLine.Command;

/** {@code coffer node list}. */
@Command(name = "list", description = "List the nodes.")
final class NodeList extends AnywhereCommand {

  @Override
  protected int run(Operations operations) {
    Rows rows = new Rows("ID", "NAME", "ENGINE", "WHERE", "STATUS", "REMARKS").alignRight(0);
    for (Node n : operations.nodes()) {
      String where = n.engine().isServer() ? n.adminUser() + "@" + n.host() + ":" + n.port() : n.dataDirectory();
      rows.add(n.id(), n.name(), n.engine().toString(), where, n.status(), n.remarks());
    }
    print(rows, "No nodes registered.");
    return 0;
  }
}
