package io.coffer.server.console;

import static io.coffer.server.console.Html.text;

import io.coffer.catalog.access.Role;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionStatus;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.Principal;
import io.coffer.server.api.DefinitionRequest;
import io.coffer.server.http.RequestFields;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * One definition: what it is, and for admins a form to change its schedule, retention, status and
 * remarks, and one to remove it. The values go through the same parsers ({@link DefinitionRequest}, as
 * the API's) and the same engine service as {@code definition update}, so a bad value is refused with
 * the same words, naming the field, and changes nothing.
 */
final class DefinitionPage {

  private final Coffer coffer;

  DefinitionPage(Coffer coffer) {
    this.coffer = coffer;
  }

  void declare(Routes routes) {
    routes.get("/console/definitions/{id}", Role.VIEWER, "The console's page of one definition.").produces("text/html")
        .handle(this::show);
    routes.post("/console/definitions/{id}", Role.ADMIN, "Change a definition from the console.").produces("text/html")
        .handle(this::update);
    routes.post("/console/definitions/{id}/remove", Role.ADMIN, "Remove a definition from the console.")
        .produces("text/html").handle(this::remove);
  }

  private void show(Context ctx) {
    Definition d = coffer.definitions().show(QueryParams.id(ctx, "id"));
    ctx.html(page(ctx, d, ctx.queryParam("saved") != null ? "<p id=\"saved\">Saved.</p>" : ""));
  }

  /** The page of {@code d}, {@code notice} (markup) first; for admins the forms to change and remove it. */
  static String page(Context ctx, Definition d, String notice) {
    Principal who = ConsoleContext.principal(ctx);
    StringBuilder body = new StringBuilder(notice);
    body.append("<dl class=\"details\"><dt>Node</dt><dd>").append(text(d.node())).append("</dd><dt>Agent</dt><dd>")
        .append(text(d.agent())).append("</dd><dt>Databases</dt><dd id=\"databases\">").append(text(d.databases()))
        .append("</dd><dt>Volume</dt><dd>").append(text(d.volume())).append("</dd><dt>Kind</dt><dd>").append(d.kind())
        .append("</dd><dt>Schedule</dt><dd id=\"schedule\">").append(text(d.schedule())).append("</dd><dt>Retention</dt>")
        .append("<dd>").append(text(d.retention())).append("</dd><dt>Status</dt><dd>").append(d.status())
        .append("</dd><dt>Remarks</dt><dd>").append(text(d.remarks())).append("</dd></dl>");
    if (who.may(Role.ADMIN)) {
      String csrf = Html.csrfField(ConsoleContext.csrf(ctx));
      body.append("<h2>Change</h2><form method=\"post\" action=\"/console/definitions/").append(d.id())
          .append("\" id=\"definition-form\">").append(csrf)
          .append("<label>Schedule (cron) <input name=\"schedule\" id=\"definition-schedule\" value=\"")
          .append(text(d.schedule())).append("\"></label><label>Retention <input name=\"retention\" value=\"")
          .append(text(d.retention())).append("\"></label><label>Status <select name=\"status\">");
      for (DefinitionStatus status : DefinitionStatus.values()) {
        body.append("<option").append(status == d.status() ? " selected" : "").append(">").append(status)
            .append("</option>");
      }
      body.append("</select></label><label>Remarks <input name=\"remarks\" value=\"").append(text(d.remarks()))
          .append("\"></label><button type=\"submit\" id=\"definition-save\">Save</button></form>")
          .append("<h2>Remove</h2><form method=\"post\" action=\"/console/definitions/").append(d.id())
          .append("/remove\" id=\"definition-remove-form\">").append(csrf)
          .append("<label><input type=\"checkbox\" name=\"force\" value=\"true\" id=\"definition-remove-force\">"
              + " also remove its backups (their data goes at the next prune)</label>"
              + "<button type=\"submit\" id=\"definition-remove\">Remove</button></form>");
    }
    return Html.page("Definition " + d.id(), who, ConsoleContext.csrf(ctx), body.toString());
  }

  /** Without force a definition with backups is refused, and the page says which backups hold it. */
  private void remove(Context ctx) {
    long id = QueryParams.id(ctx, "id");
    coffer.definitions().remove(id, "true".equals(ctx.formParam("force")));
    ctx.redirect("/console/definitions?removed=" + id, HttpStatus.SEE_OTHER);
  }

  private void update(Context ctx) {
    long id = QueryParams.id(ctx, "id");
    DefinitionUpdate update = DefinitionRequest.change(RequestFields.form(ctx));
    String remarks = ctx.formParam("remarks");
    if (remarks != null) {
      update.remarks(remarks); // the form shows the remarks: emptied, they are cleared
    }
    coffer.definitions().update(id, update);
    ctx.redirect("/console/definitions/" + id + "?saved", HttpStatus.SEE_OTHER);
  }
}
