package io.coffer.server.console;

import static io.coffer.server.console.Html.text;

import io.coffer.catalog.restore.FilesTarget;
import io.coffer.engine.restore.RestoreQueue;
import io.coffer.source.RestorePlan;
import java.util.Locale;

/**
 * The wizard's plan, as the engine made it, above the form that confirms it: for a backup of
 * databases each database's target and what becomes of an existing one; for a FILES or PHYSICAL
 * backup the directory written (and each tablespace's), whether it holds files already, and the
 * engine's notes (space needed, what is left out, owners). The confirming form carries the request
 * as asked, so the restore is planned again, and refused again if something changed meanwhile.
 */
final class RestorePlanPage {

  private RestorePlanPage() {}

  static String of(RestoreQueue.Request request, RestorePlan plan, String csrf) {
    boolean directory = plan.kind().copiesWholeNode();
    StringBuilder body = new StringBuilder("<p>Restoring backup ").append(request.backupId()).append(" (")
        .append(plan.kind()).append(") into node ").append(text(request.targetNode())).append(" will:</p>")
        .append("<table id=\"plan\"><thead><tr><th>From</th><th>").append(directory ? "Into directory" : "Into")
        .append("</th><th>What exists</th></tr></thead><tbody>");
    for (RestorePlan.DatabaseStep step : plan.databases()) {
      body.append("<tr><td>").append(text(step.source())).append("</td><td>").append(text(step.target()))
          .append("</td><td class=\"existing\">").append(directory ? directoryExisting(step) : databaseExisting(step))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    // What the restore will do, then what may not go as planned; the same for every kind.
    if (!plan.notes().isEmpty()) {
      body.append("<ul id=\"plan-notes\">");
      plan.notes().forEach(note -> body.append("<li>").append(text(note)).append("</li>"));
      body.append("</ul>");
    }
    plan.warnings().forEach(w -> body.append("<p class=\"warning\">").append(text(w)).append("</p>"));
    FilesTarget files = request.files();
    body.append("<form method=\"post\" action=\"/console/restore\">").append(Html.csrfField(csrf))
        .append(hidden("backup", request.backupId())).append(hidden("targetNode", request.targetNode()))
        .append(hidden("targetDatabase", request.targetDatabase()))
        .append(hidden("existing", request.existing().name().toLowerCase(Locale.ROOT)))
        .append(hidden("targetDirectory", files.directory())).append(hidden("path", files.path()))
        .append(files.force() ? hidden("force", true) : "")
        .append(files.externalSymlinks() ? hidden("allowExternalSymlinks", true) : "");
    files.tablespaces().entries().forEach((name, into) -> body.append(hidden("tablespaceMap." + name, into)));
    return body
        .append("<button type=\"submit\" id=\"restore-confirm\">Restore</button> <a href=\"/console/restore?backup=")
        .append(request.backupId()).append("\">Cancel</a></form>").toString();
  }

  private static String databaseExisting(RestorePlan.DatabaseStep step) {
    return switch (step.existing()) {
      case NONE -> "nothing: it is created";
      case RENAME -> "renamed to " + text(step.renamedTo());
      case DROP -> "dropped";
      case LOAD_INTO -> "loaded into (its tables are empty)";
    };
  }

  /** A directory's step is DROP when it holds files that the restore, forced, replaces. */
  private static String directoryExisting(RestorePlan.DatabaseStep step) {
    return step.existing() == RestorePlan.Existing.DROP
        ? "files: what the backup holds replaces what is there under the same names (force)"
        : "nothing: it is created (or it is empty)";
  }

  static String hidden(String name, Object value) {
    return value == null ? "" : "<input type=\"hidden\" name=\"" + name + "\" value=\"" + text(value) + "\">";
  }
}
