package io.coffer.cli.node;

import io.coffer.catalog.config.ConfigEntry;
import io.coffer.catalog.node.Node;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import java.util.List;

/** How a node is shown. */
final class NodeDetails {

  private NodeDetails() {}

  static Details of(Node node, List<ConfigEntry> config) {
    Rows settings = new Rows("KEY", "VALUE", "FROM");
    config.forEach(e -> settings.add(e.key(), e.value(), e.inherited() ? "default" : "node"));
    return new Details()
        .add("Id", node.id())
        .add("Name", node.name())
        .add("Engine", node.engine().toString())
        .add("Host", node.host())
        .add("Port", node.port() == null ? "" : node.port())
        .add("Admin user", node.adminUser())
        .add("Credential", node.credential().toString())
        .add("Data directory", node.dataDirectory())
        .add("Status", node.status())
        .add("Remarks", node.remarks())
        .add("Registered", Text.time(node.createdAt()))
        .add("Updated", Text.time(node.updatedAt()))
        .table("Settings", settings);
  }
}
