package io.coffer.server.console;

import static io.coffer.server.console.Html.text;

import io.coffer.catalog.access.Role;
import io.coffer.catalog.node.Node;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.Principal;
import io.coffer.server.api.NodeRequest;
import io.coffer.server.http.RequestFields;
import io.coffer.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The nodes, and one node with, for admins, a form to change it. The form is read by {@link
 * NodeRequest} (as the API's {@code PATCH /nodes/{node}}) with the parsers of {@code node update}
 * and changed through the same engine service, so a bad value is refused in the same words, naming
 * the field, and changes nothing. Only the reference to a credential is shown, never a secret.
 */
final class NodePages {

  private final Coffer coffer;

  NodePages(Coffer coffer) {
    this.coffer = coffer;
  }

  void declare(Routes routes) {
    routes.get("/console/nodes", Role.VIEWER, "The console's nodes.").produces("text/html").handle(this::list);
    routes.get("/console/nodes/{node}", Role.VIEWER, "The console's page of one node.").produces("text/html")
        .handle(this::show);
    routes.post("/console/nodes/{node}", Role.ADMIN, "Change a node from the console.").produces("text/html")
        .handle(this::update);
  }

  private void list(Context ctx) {
    StringBuilder body = new StringBuilder("<table id=\"nodes\"><thead><tr><th>Node</th><th>Engine</th><th>Host</th>"
        + "<th>Status</th></tr></thead><tbody>");
    for (Node n : coffer.nodes().list()) {
      body.append("<tr><td><a href=\"/console/nodes/").append(text(n.name())).append("\">").append(text(n.name()))
          .append("</a></td><td>").append(text(n.engine())).append("</td><td>")
          .append(text(n.host() == null ? n.dataDirectory() : n.host())).append("</td><td>").append(n.status())
          .append("</td></tr>");
    }
    ctx.html(Html.page("Nodes", ConsoleContext.principal(ctx), ConsoleContext.csrf(ctx),
        body.append("</tbody></table>").toString()));
  }

  private void show(Context ctx) {
    Node n = coffer.nodes().show(ctx.pathParam("node"));
    Principal who = ConsoleContext.principal(ctx);
    StringBuilder body = new StringBuilder(ctx.queryParam("saved") != null ? "<p id=\"saved\">Saved.</p>" : "");
    body.append("<dl class=\"details\" id=\"node\"><dt>Engine</dt><dd>").append(text(n.engine()));
    if (n.engine().isServer()) {
      body.append("</dd><dt>Host</dt><dd>").append(text(n.host())).append("</dd><dt>Port</dt><dd>").append(text(n.port()))
          .append("</dd><dt>User</dt><dd>").append(text(n.adminUser())).append("</dd><dt>Credential</dt><dd>")
          .append(text(n.credential()));
    } else {
      body.append("</dd><dt>Data directory</dt><dd>").append(text(n.dataDirectory()));
    }
    body.append("</dd><dt>Status</dt><dd id=\"node-status\">").append(n.status()).append("</dd><dt>Remarks</dt>")
        .append("<dd id=\"node-remarks-shown\">").append(text(n.remarks())).append("</dd></dl>");
    if (who.may(Role.ADMIN)) {
      body.append("<h2>Change</h2><form method=\"post\" action=\"/console/nodes/").append(text(n.name()))
          .append("\" id=\"node-form\">").append(Html.csrfField(ConsoleContext.csrf(ctx)));
      if (n.engine().isServer()) {
        body.append(input("Host", "host", n.host())).append(input("Port", "port", n.port()))
            .append(input("User", "adminUser", n.adminUser()))
            .append(input("Credential (none, file:/PATH, pgpass, env:VARIABLE)", "credential", n.credential()));
      } else {
        body.append(input("Data directory", "dataDirectory", n.dataDirectory()));
      }
      body.append("<label>Status <select name=\"status\" id=\"node-status-choice\">");
      for (NodeStatus status : NodeStatus.values()) {
        body.append("<option").append(status == n.status() ? " selected" : "").append(">").append(status)
            .append("</option>");
      }
      body.append("</select></label>").append(input("Remarks", "remarks", n.remarks()))
          .append("<button type=\"submit\" id=\"node-save\">Save</button></form>")
          .append("<p class=\"legend\">DOWN pauses the node's definitions and refuses backups by hand.</p>");
    }
    ctx.html(Html.page("Node " + n.name(), who, ConsoleContext.csrf(ctx), body.toString()));
  }

  private void update(Context ctx) {
    NodeUpdate update = NodeRequest.change(RequestFields.form(ctx));
    String remarks = ctx.formParam("remarks");
    if (remarks != null) {
      update.remarks(remarks); // the form shows the remarks: emptied, they are cleared
    }
    Node changed = coffer.nodes().update(ctx.pathParam("node"), update);
    ctx.redirect("/console/nodes/" + changed.name() + "?saved", HttpStatus.SEE_OTHER);
  }

  private static String input(String label, String name, Object value) {
    return "<label>" + text(label) + " <input name=\"" + name + "\" id=\"node-" + name + "\" value=\"" + text(value)
        + "\"></label>";
  }
}
