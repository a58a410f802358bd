package io.coffer.server.console;

import static io.coffer.server.console.Html.text;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.agent.Agent;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.node.Node;
import io.coffer.catalog.volume.RegisteredVolume;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.Principal;
import io.coffer.engine.definition.DatabaseCheck;
import io.coffer.engine.definition.DefinitionService;
import io.coffer.model.Kind;
import io.coffer.server.api.DefinitionRequest;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.RequestFields;
import io.coffer.server.http.Routes;
import io.javalin.http.Context;
import java.util.List;

/**
 * The definitions, and for admins a form to add one. The form goes through the engine's {@link
 * DefinitionService#addChecked}, as {@code definition add} does: a database the node does not have
 * is refused listing what it has, and the form comes back with what was typed and the refusal
 * beside it; once added, the page says what each pattern matches now, or warns that the node could
 * not be asked.
 */
final class DefinitionsPage {

  private final Coffer coffer;

  DefinitionsPage(Coffer coffer) {
    this.coffer = coffer;
  }

  void declare(Routes routes) {
    routes.get("/console/definitions", Role.VIEWER, "The console's definitions.").produces("text/html")
        .query("removed", "integer", "the definition just removed, to say so")
        .handle(ctx -> ctx.html(page(ctx, RequestFields.form(ctx), null)));
    routes.post("/console/definitions", Role.ADMIN, "Add a definition from the console.").produces("text/html")
        .handle(this::add);
  }

  private void add(Context ctx) {
    RequestFields form = RequestFields.form(ctx);
    DefinitionService.Added added;
    try {
      added = coffer.definitions().addChecked(DefinitionRequest.of(form));
    } catch (ApiException | CatalogValidationException e) {
      int status = e instanceof ApiException api ? api.status() : 400;
      ctx.status(status).html(page(ctx, form, e.getMessage()));
      return;
    }
    ctx.html(DefinitionPage.page(ctx, added.definition(), "<p id=\"added\">Definition " + added.definition().id()
        + " added.</p>" + checkNotes(added.check())));
  }

  /** What the node said: a warning when it could not be asked; what each pattern matches now. */
  private static String checkNotes(DatabaseCheck check) {
    if (check == null) {
      return "";
    }
    StringBuilder notes = new StringBuilder();
    if (!check.reachable()) {
      notes.append("<p class=\"warning\" id=\"check-warning\">The databases were not checked on node ")
          .append(text(check.node())).append(" (").append(text(check.reason()))
          .append("); a database it does not have fails its runs.</p>");
    }
    if (!check.matches().isEmpty()) {
      notes.append("<ul id=\"pattern-matches\">");
      for (DatabaseCheck.PatternMatch match : check.matches()) {
        notes.append("<li>").append(text(match.pattern())).append(" matches now: ")
            .append(text(match.databases().isEmpty() ? "nothing" : String.join(", ", match.databases())))
            .append(" (expanded again at every run)</li>");
      }
      notes.append("</ul>");
    }
    return notes.toString();
  }

  /** The list, and for admins the add form holding {@code typed} with {@code error} above it. */
  private String page(Context ctx, RequestFields typed, String error) {
    Principal who = ConsoleContext.principal(ctx);
    StringBuilder body = new StringBuilder();
    String removed = ctx.queryParam("removed");
    if (removed != null) {
      body.append("<p id=\"removed\">Definition ").append(text(removed)).append(" removed.</p>");
    }
    body.append("<table id=\"definitions\"><thead><tr><th>Id</th><th>Node</th><th>Agent</th>"
        + "<th>Databases</th><th>Schedule</th><th>Kind</th><th>Volume</th><th>Retention</th><th>Status</th></tr></thead>"
        + "<tbody>");
    for (Definition d : coffer.definitions().list(DefinitionFilter.all())) {
      body.append("<tr><td><a href=\"/console/definitions/").append(d.id()).append("\">").append(d.id())
          .append("</a></td><td>").append(text(d.node())).append("</td><td>").append(text(d.agent()))
          .append("</td><td>").append(text(d.databases())).append("</td><td>").append(text(d.schedule()))
          .append("</td><td>").append(d.kind()).append("</td><td>").append(text(d.volume())).append("</td><td>")
          .append(text(d.retention())).append("</td><td>").append(d.status()).append("</td></tr>");
    }
    body.append("</tbody></table>");
    if (who.may(Role.ADMIN)) {
      body.append(addForm(ctx, typed, error));
    }
    return Html.page("Definitions", who, ConsoleContext.csrf(ctx), body.toString());
  }

  private String addForm(Context ctx, RequestFields typed, String error) {
    StringBuilder form = new StringBuilder("<h2>Add a definition</h2>");
    if (error != null) {
      form.append("<p class=\"error\" id=\"definition-error\">").append(text(error)).append("</p>");
    }
    form.append("<form method=\"post\" action=\"/console/definitions\" id=\"definition-add\">")
        .append(Html.csrfField(ConsoleContext.csrf(ctx)))
        .append(select("Node", "node", coffer.nodes().list().stream().map(Node::name).toList(), typed, null))
        .append(input("Databases", "databases", typed, "a name, a,b, sales_* or #all_databases#"))
        .append(select("Agent", "agent", coffer.agents().list().stream().map(Agent::name).toList(), typed, null))
        .append(select("Volume", "volume", coffer.volumes().list().stream().map(RegisteredVolume::name).toList(),
            typed, null))
        .append(input("Schedule (cron)", "schedule", typed, "default: daily in the node's window"))
        .append(select("Kind", "kind", java.util.Arrays.stream(Kind.values()).map(Kind::name).toList(), typed,
            "the node's default"))
        .append(input("Retention", "retention", typed, "default: the node's"))
        .append(input("Remarks", "remarks", typed, ""))
        .append("<button type=\"submit\" id=\"definition-add-submit\">Add</button></form>");
    return form.toString();
  }

  private static String input(String label, String name, RequestFields typed, String placeholder) {
    return "<label>" + text(label) + " <input name=\"" + name + "\" id=\"add-" + name + "\" value=\""
        + text(typed.string(name).orElse("")) + "\" placeholder=\"" + text(placeholder) + "\"></label>";
  }

  /** A choice among {@code options}; {@code none} (when not null) is an empty first choice. */
  private static String select(String label, String name, List<String> options, RequestFields typed, String none) {
    String chosen = typed.string(name).orElse("");
    StringBuilder select = new StringBuilder("<label>").append(text(label)).append(" <select name=\"").append(name)
        .append("\" id=\"add-").append(name).append("\">");
    if (none != null) {
      select.append("<option value=\"\">").append(text(none)).append("</option>");
    }
    for (String option : options) {
      select.append("<option").append(option.equals(chosen) ? " selected" : "").append(">").append(text(option))
          .append("</option>");
    }
    return select.append("</select></label>").toString();
  }
}
