package io.coffer.server.console;

import static io.coffer.server.console.Html.text;

import io.coffer.catalog.Enums;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.node.Node;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.Principal;
import io.coffer.engine.restore.RestoreQueue;
import io.coffer.model.ExistingPolicy;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.Routes;
import io.coffer.source.RestorePlan;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The restore wizard: pick a backup, a target node and a name; see the plan (what will be created,
 * renamed, dropped) before confirming; then follow the restore live on its job's page. Renaming or
 * dropping what exists is offered to admins only.
 */
final class RestoreWizard {

  private final Coffer coffer;

  RestoreWizard(Coffer coffer) {
    this.coffer = coffer;
  }

  void declare(Routes routes) {
    routes.get("/console/restore", Role.OPERATOR, "The restore wizard: choose a backup, a target node and a name.")
        .produces("text/html").query("backup", "integer", "the backup to preselect").handle(this::choose);
    routes.post("/console/restore/plan", Role.OPERATOR, "The restore wizard: the plan, to confirm.")
        .produces("text/html").handle(this::plan);
    routes.post("/console/restore", Role.OPERATOR, "The restore wizard: queue the confirmed restore.")
        .produces("text/html").handle(this::run);
  }

  private void choose(Context ctx) {
    Principal who = ConsoleContext.principal(ctx);
    String chosen = ctx.queryParam("backup");
    StringBuilder body = new StringBuilder("<form method=\"post\" action=\"/console/restore/plan\" id=\"restore-form\">")
        .append(Html.csrfField(ConsoleContext.csrf(ctx))).append("<label>Backup <select name=\"backup\""
            + " id=\"restore-backup\">");
    for (Backup b : coffer.backups().list(BackupFilter.newest().status(BackupStatus.SUCCEEDED).limit(200))) {
      body.append("<option value=\"").append(b.id()).append("\"").append(String.valueOf(b.id()).equals(chosen)
          ? " selected" : "").append(">").append(b.id()).append(": ").append(text(b.node())).append(" ")
          .append(text(String.join(", ", b.databases()))).append(" ").append(text(b.startedAt())).append("</option>");
    }
    body.append("</select></label><label>Target node <select name=\"targetNode\" id=\"restore-node\">");
    for (Node n : coffer.nodes().list()) {
      body.append("<option>").append(text(n.name())).append("</option>");
    }
    body.append("</select></label><label>Target name <input name=\"targetDatabase\" id=\"restore-name\""
        + " placeholder=\"the backed-up name\"></label><label>If it exists <select name=\"existing\" id=\"restore-existing\">"
        + "<option value=\"refuse\">refuse</option>");
    if (who.may(Role.ADMIN)) {
      body.append("<option value=\"rename\">rename the existing one</option><option value=\"drop\">drop the existing one"
          + "</option>");
    }
    body.append("</select></label><button type=\"submit\" id=\"restore-plan\">Show the plan</button></form>");
    ctx.html(Html.page("Restore", who, ConsoleContext.csrf(ctx), body.toString()));
  }

  private void plan(Context ctx) {
    RestoreQueue.Request request = request(ctx);
    RestorePlan plan = coffer.restoreQueue().plan(request);
    StringBuilder body = new StringBuilder("<p>Restoring backup ").append(request.backupId()).append(" into node ")
        .append(text(request.targetNode())).append(" will:</p><table id=\"plan\"><thead><tr><th>From</th><th>Into</th>"
            + "<th>What exists</th></tr></thead><tbody>");
    for (RestorePlan.DatabaseStep step : plan.databases()) {
      body.append("<tr><td>").append(text(step.source())).append("</td><td>").append(text(step.target()))
          .append("</td><td class=\"existing\">").append(switch (step.existing()) {
            case NONE -> "nothing: it is created";
            case RENAME -> "renamed to " + text(step.renamedTo());
            case DROP -> "dropped";
            case LOAD_INTO -> "loaded into (its tables are empty)";
          }).append("</td></tr>");
    }
    body.append("</tbody></table>");
    for (String warning : plan.warnings()) {
      body.append("<p class=\"warning\">").append(text(warning)).append("</p>");
    }
    body.append("<form method=\"post\" action=\"/console/restore\">").append(Html.csrfField(ConsoleContext.csrf(ctx)))
        .append(hidden("backup", request.backupId())).append(hidden("targetNode", request.targetNode()))
        .append(hidden("targetDatabase", request.targetDatabase())).append(hidden("existing",
            request.existing().name().toLowerCase(java.util.Locale.ROOT)))
        .append("<button type=\"submit\" id=\"restore-confirm\">Restore</button> <a href=\"/console/restore\">Cancel</a>"
            + "</form>");
    ctx.html(Html.page("Restore plan", ConsoleContext.principal(ctx), ConsoleContext.csrf(ctx), body.toString()));
  }

  private void run(Context ctx) {
    RestoreQueue.Queued queued = coffer.restoreQueue().queue(request(ctx), null);
    ctx.redirect("/console/jobs/" + queued.job().id(), HttpStatus.SEE_OTHER);
  }

  private static RestoreQueue.Request request(Context ctx) {
    String backup = ctx.formParam("backup");
    long id;
    try {
      id = Long.parseLong(backup == null ? "" : backup.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badValue("backup", backup, "the id of a backup");
    }
    ExistingPolicy existing = ctx.formParam("existing") == null || ctx.formParam("existing").isBlank()
        ? ExistingPolicy.REFUSE : Enums.parse(ExistingPolicy.class, ExistingPolicy.FIELD, ctx.formParam("existing"));
    Principal who = ConsoleContext.principal(ctx);
    if (existing != ExistingPolicy.REFUSE && !who.may(Role.ADMIN)) {
      throw new ApiException(403, "user " + who.user() + " (" + who.role() + ") may not restore with existing "
          + existing.name().toLowerCase(java.util.Locale.ROOT) + "; it needs the role admin", "existing");
    }
    String name = ctx.formParam("targetDatabase");
    String node = ctx.formParam("targetNode");
    if (node == null || node.isBlank()) {
      throw new ApiException(400, "targetNode is missing; accepted: the name of a node", "targetNode");
    }
    return new RestoreQueue.Request(id, node, name == null || name.isBlank() ? null : name,
        existing);
  }

  private static String hidden(String name, Object value) {
    return value == null ? "" : "<input type=\"hidden\" name=\"" + name + "\" value=\"" + text(value) + "\">";
  }
}
