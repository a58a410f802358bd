package io.coffer.server.console;

import static io.coffer.server.console.Html.text;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.node.Node;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.Principal;
import io.coffer.engine.restore.RestoreQueue;
import io.coffer.model.Kind;
import io.coffer.server.api.RestoreFields;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.Problems;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.RequestFields;
import io.coffer.server.http.Routes;
import io.coffer.source.BackupReport;
import io.coffer.source.LinkedTree;
import io.coffer.source.PhysicalReport;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The restore wizard: pick a backup, then where it goes — a target node and a name for a backup of
 * databases; a directory, optionally one path of the tree, for a FILES or PHYSICAL backup, and a
 * directory for each tablespace of a PHYSICAL one — see the plan before confirming, then follow the
 * restore live on its job's page.
 *
 * <p>The form is rendered for the chosen backup's kind, so it holds only the fields that apply:
 * choosing another backup asks the server for the page again (the script does it on change; without
 * it, a button). Renaming or dropping a database and writing into a non-empty directory are offered
 * to admins only. The fields are read by {@link RestoreFields}, as the API reads them; a refused
 * plan or restore comes back as the form, with what was typed and the refusal above it, and queues
 * nothing.
 */
final class RestoreWizard {

  private final Coffer coffer;

  RestoreWizard(Coffer coffer) {
    this.coffer = coffer;
  }

  void declare(Routes routes) {
    routes.get("/console/restore", Role.OPERATOR, "The restore wizard: choose a backup, then where it goes.")
        .produces("text/html").query("backup", "integer", "the backup to restore (default: the newest)")
        .handle(ctx -> form(ctx, QueryParams.integer(ctx, "backup", 1, Integer.MAX_VALUE).orElse(null),
            RequestFields.form(ctx), null));
    routes.post("/console/restore/plan", Role.OPERATOR, "The restore wizard: the plan, to confirm.")
        .produces("text/html").handle(this::plan);
    routes.post("/console/restore", Role.OPERATOR, "The restore wizard: queue the confirmed restore.")
        .produces("text/html").handle(this::run);
  }

  private void plan(Context ctx) {
    RequestFields fields = RequestFields.form(ctx);
    try {
      RestoreQueue.Request request = RestoreFields.of(fields, ConsoleContext.principal(ctx));
      ctx.html(Html.page("Restore plan", ConsoleContext.principal(ctx), ConsoleContext.csrf(ctx),
          RestorePlanPage.of(request, coffer.restoreQueue().plan(request, null), ConsoleContext.csrf(ctx))));
    } catch (ApiException | CatalogValidationException e) {
      refused(ctx, fields, e);
    }
  }

  private void run(Context ctx) {
    RequestFields fields = RequestFields.form(ctx);
    RestoreQueue.Queued queued;
    try {
      queued = coffer.restoreQueue().queue(RestoreFields.of(fields, ConsoleContext.principal(ctx)), null);
    } catch (ApiException | CatalogValidationException e) {
      refused(ctx, fields, e);
      return;
    }
    ctx.redirect("/console/jobs/" + queued.job().id(), HttpStatus.SEE_OTHER);
  }

  /** The form again, as typed, with the refusal above it and the refusal's status. */
  private void refused(Context ctx, RequestFields typed, RuntimeException e) {
    ctx.status(e instanceof ApiException api ? api.status() : Problems.status((CatalogValidationException) e));
    Integer backup = null;
    try {
      backup = typed.integer("backup", 1, Integer.MAX_VALUE).orElse(null);
    } catch (ApiException badId) {
      // the refusal says so; the form offers the newest backup instead
    }
    form(ctx, backup, typed, e instanceof CatalogValidationException c ? c.apiMessage() : e.getMessage());
  }

  private void form(Context ctx, Integer backupId, RequestFields typed, String error) {
    Principal who = ConsoleContext.principal(ctx);
    List<Backup> backups = new ArrayList<>(coffer.backups().list(BackupFilter.newest().status(BackupStatus.SUCCEEDED)
        .limit(200)));
    Backup chosen = backupId == null ? backups.stream().findFirst().orElse(null) : coffer.backups().show(backupId);
    if (chosen != null && backups.stream().noneMatch(b -> b.id() == chosen.id())) {
      backups.add(0, chosen);
    }
    StringBuilder body = new StringBuilder();
    if (error != null) {
      body.append("<p class=\"error\" id=\"restore-error\">").append(text(error)).append("</p>");
    }
    if (chosen == null) {
      body.append("<p id=\"no-backups\">No backup has succeeded yet: there is nothing to restore.</p>");
      ctx.html(Html.page("Restore", who, ConsoleContext.csrf(ctx), body.toString()));
      return;
    }
    body.append("<form method=\"get\" action=\"/console/restore\" id=\"restore-choose\"><label>Backup <select"
        + " name=\"backup\" id=\"restore-backup\" data-choose>");
    for (Backup b : backups) {
      body.append("<option value=\"").append(b.id()).append("\"").append(b.id() == chosen.id() ? " selected" : "")
          .append(">").append(b.id()).append(": ").append(text(b.node())).append(" ").append(b.kind()).append(" ")
          .append(text(String.join(", ", b.databases()))).append(" ").append(text(b.startedAt())).append("</option>");
    }
    body.append("</select></label><button type=\"submit\" id=\"restore-choose-button\">Choose</button></form>")
        .append("<form method=\"post\" action=\"/console/restore/plan\" id=\"restore-form\">")
        .append(Html.csrfField(ConsoleContext.csrf(ctx))).append(RestorePlanPage.hidden("backup", chosen.id()))
        .append("<label>Target node <select name=\"targetNode\" id=\"restore-node\">");
    String node = typed.string("targetNode").orElse(chosen.node());
    for (Node n : coffer.nodes().list()) {
      body.append("<option").append(n.name().equals(node) ? " selected" : "").append(">").append(text(n.name()))
          .append("</option>");
    }
    body.append("</select></label>");
    if (chosen.kind().copiesWholeNode()) {
      directoryFields(body, chosen.kind(), who, typed);
      tablespaceFields(body, chosen, typed);
    } else {
      databaseFields(body, who, typed);
    }
    body.append("<button type=\"submit\" id=\"restore-plan\">Show the plan</button></form>");
    ctx.html(Html.page("Restore", who, ConsoleContext.csrf(ctx), body.toString()));
  }

  private static void databaseFields(StringBuilder body, Principal who, RequestFields typed) {
    body.append(input("Target name", "targetDatabase", "restore-name", typed, "the backed-up name"))
        .append("<label>If it exists <select name=\"existing\" id=\"restore-existing\">")
        .append("<option value=\"refuse\">refuse</option>");
    if (who.may(Role.ADMIN)) {
      String existing = typed.string("existing").orElse("refuse");
      body.append("<option value=\"rename\"").append(existing.equals("rename") ? " selected" : "")
          .append(">rename the existing one</option><option value=\"drop\"")
          .append(existing.equals("drop") ? " selected" : "").append(">drop the existing one</option>");
    }
    body.append("</select></label>");
  }

  /**
   * A tree restores into a directory on the agent's host. A PHYSICAL backup restores whole into a
   * new or empty data directory, so neither a path nor force is offered for it.
   */
  private static void directoryFields(StringBuilder body, Kind kind, Principal who, RequestFields typed) {
    body.append(input("Target directory", "targetDirectory", "restore-directory", typed,
        "<data directory>_<backup time>"));
    if (kind == Kind.FILES) {
      body.append(input("Only this path", "path", "restore-path", typed, "all of the tree"));
      if (who.may(Role.ADMIN)) {
        body.append(checkbox("Write into a non-empty directory (force)", "force", "restore-force", typed));
      }
    }
    body.append(checkbox("Keep symlinks that point outside the directory", "allowExternalSymlinks",
        "restore-external-symlinks", typed));
    body.append("<p class=\"legend\">The directory is an absolute path on the agent's host, new or empty");
    if (kind == Kind.FILES && who.may(Role.ADMIN)) {
      body.append(" unless forced (what the backup holds then replaces what is there under the same names)");
    }
    body.append("; left empty, a new directory named after the data directory and the backup's time is made beside"
        + " it. ").append(kind == Kind.FILES
            ? "The path is a file or directory of the tree, relative to its top, e.g. conf/app.conf"
            : "A PHYSICAL backup restores whole, ready to start").append(".</p>");
  }

  /**
   * A PHYSICAL backup's tablespaces outside its data directory: a directory for each, by name, as
   * {@code tablespaceMap} takes them; left empty, one goes beside its original directory.
   */
  private void tablespaceFields(StringBuilder body, Backup chosen, RequestFields typed) {
    List<LinkedTree> linked = coffer.backups().report(chosen.id()).map(BackupReport::physical)
        .map(PhysicalReport::linkedTrees).orElse(List.of());
    if (linked.isEmpty()) {
      return;
    }
    body.append("<fieldset id=\"restore-tablespaces\"><legend>Tablespaces</legend>");
    for (LinkedTree t : linked) {
      body.append(input("Tablespace " + t.name() + " (" + t.key() + "), backed up from " + t.location(),
          "tablespaceMap." + t.name(), "restore-tablespace-" + t.key(), typed, t.location() + "_<backup time>"));
    }
    body.append("<p class=\"legend\">Each tablespace is restored into a directory of its own: an absolute path on"
        + " the agent's host, new or empty, outside the data directory; left empty, a new directory named after"
        + " its original and the backup's time is made beside the original.</p></fieldset>");
  }

  private static String input(String label, String name, String id, RequestFields typed, String placeholder) {
    return "<label>" + text(label) + " <input name=\"" + name + "\" id=\"" + id + "\" value=\""
        + text(typed.string(name).orElse("")) + "\" placeholder=\"" + text(placeholder) + "\"></label>";
  }

  private static String checkbox(String label, String name, String id, RequestFields typed) {
    boolean ticked;
    try {
      ticked = typed.bool(name).orElse(false);
    } catch (ApiException e) {
      ticked = false;
    }
    return "<label><input type=\"checkbox\" name=\"" + name + "\" id=\"" + id + "\" value=\"true\""
        + (ticked ? " checked" : "") + "> " + text(label) + "</label>";
  }
}
