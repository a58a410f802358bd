package io.coffer.server.console;

import static io.coffer.server.console.Html.text;

import io.coffer.catalog.access.Role;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionStatus;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.Principal;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * One definition: what it is, and for admins a form to change its schedule, retention, status and
 * remarks. The values go through the same parsers and the same engine service as {@code definition
 * update}, so a bad value is refused with the same words, naming the field, and changes nothing.
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
  }

  private void show(Context ctx) {
    Definition d = coffer.definitions().show(QueryParams.id(ctx, "id"));
    Principal who = ConsoleContext.principal(ctx);
    StringBuilder body = new StringBuilder();
    if (ctx.queryParam("saved") != null) {
      body.append("<p id=\"saved\">Saved.</p>");
    }
    body.append("<dl class=\"details\"><dt>Node</dt><dd>").append(text(d.node())).append("</dd><dt>Agent</dt><dd>")
        .append(text(d.agent())).append("</dd><dt>Databases</dt><dd>").append(text(d.databases()))
        .append("</dd><dt>Volume</dt><dd>").append(text(d.volume())).append("</dd><dt>Kind</dt><dd>").append(d.kind())
        .append("</dd><dt>Schedule</dt><dd id=\"schedule\">").append(text(d.schedule())).append("</dd><dt>Retention</dt>")
        .append("<dd>").append(text(d.retention())).append("</dd><dt>Status</dt><dd>").append(d.status())
        .append("</dd><dt>Remarks</dt><dd>").append(text(d.remarks())).append("</dd></dl>");
    if (who.may(Role.ADMIN)) {
      body.append("<h2>Change</h2><form method=\"post\" action=\"/console/definitions/").append(d.id())
          .append("\" id=\"definition-form\">").append(Html.csrfField(ConsoleContext.csrf(ctx)))
          .append("<label>Schedule (cron) <input name=\"schedule\" id=\"definition-schedule\" value=\"")
          .append(text(d.schedule())).append("\"></label><label>Retention <input name=\"retention\" value=\"")
          .append(text(d.retention())).append("\"></label><label>Status <select name=\"status\">");
      for (DefinitionStatus status : DefinitionStatus.values()) {
        body.append("<option").append(status == d.status() ? " selected" : "").append(">").append(status)
            .append("</option>");
      }
      body.append("</select></label><label>Remarks <input name=\"remarks\" value=\"").append(text(d.remarks()))
          .append("\"></label><button type=\"submit\" id=\"definition-save\">Save</button></form>");
    }
    ctx.html(Html.page("Definition " + d.id(), who, ConsoleContext.csrf(ctx), body.toString()));
  }

  private void update(Context ctx) {
    long id = QueryParams.id(ctx, "id");
    DefinitionUpdate update = new DefinitionUpdate();
    String schedule = ctx.formParam("schedule");
    if (schedule != null && !schedule.isBlank()) {
      update.schedule(CronSpec.parse(schedule.strip()));
    }
    String retention = ctx.formParam("retention");
    if (retention != null && !retention.isBlank()) {
      update.retention(RetentionPeriod.parse(retention.strip()));
    }
    String status = ctx.formParam("status");
    if (status != null && !status.isBlank()) {
      update.status(DefinitionStatus.parse(status));
    }
    String remarks = ctx.formParam("remarks");
    if (remarks != null) {
      update.remarks(remarks);
    }
    coffer.definitions().update(id, update);
    ctx.redirect("/console/definitions/" + id + "?saved", HttpStatus.SEE_OTHER);
  }
}
