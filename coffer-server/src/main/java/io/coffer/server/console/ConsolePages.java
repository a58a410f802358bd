package io.coffer.server.console;

import static io.coffer.server.console.Html.text;

import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.metrics.MetricsRepository.DefinitionState;
import io.coffer.catalog.node.Node;
import io.coffer.catalog.volume.RegisteredVolume;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.Principal;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The console's pages: the overview (each definition's last backup, red when it failed or is
 * overdue; running jobs with live progress and, for operators, abort and start), backups with
 * filters, charts and details, a job followed live. Forms post to routes
 * that need the role their action needs; what a role may not do is not offered.
 */
final class ConsolePages {

  /** A definition with no successful backup for this long is overdue (daily schedules and a margin). */
  static final Duration OVERDUE = Duration.ofHours(26);

  private final Coffer coffer;

  ConsolePages(Coffer coffer) {
    this.coffer = coffer;
  }

  void declare(Routes routes) {
    routes.get("/console/", Role.VIEWER, "The console's overview.").produces("text/html").handle(this::overview);
    routes.get("/console/backups", Role.VIEWER, "The console's backups, with filters and charts.")
        .produces("text/html").query("node", "string", "only those of this node")
        .query("status", "string", "only those with this status").handle(this::backups);
    routes.get("/console/backups/{id}", Role.VIEWER, "The console's page of one backup.").produces("text/html")
        .handle(this::backup);
    routes.get("/console/jobs/{id}", Role.VIEWER, "The console's page of one job, followed live.")
        .produces("text/html").handle(this::job);
    routes.post("/console/backups/start", Role.OPERATOR, "Start a backup from the console.").produces("text/html")
        .handle(this::start);
    routes.post("/console/jobs/{id}/abort", Role.OPERATOR, "Abort a job from the console.").produces("text/html")
        .handle(ctx -> {
          coffer.jobs().abort(QueryParams.id(ctx, "id"));
          ctx.redirect("/console/", HttpStatus.SEE_OTHER);
        });
  }

  private void overview(Context ctx) {
    Principal who = ConsoleContext.principal(ctx);
    Instant now = Instant.now();
    StringBuilder body = new StringBuilder("<h2>Definitions</h2><table id=\"overview\"><thead><tr><th>Node</th>"
        + "<th>Definition</th><th>Databases</th><th>Last backup</th><th>Status</th><th>Age</th><th>Verification</th>"
        + "<th>Last success</th></tr></thead><tbody>");
    for (DefinitionState d : coffer.metrics().overview()) {
      boolean failed = d.backupStatus() != null && (d.backupStatus().equals("FAILED")
          || d.backupStatus().equals("ABORTED"));
      boolean overdue = d.status().equals("ACTIVE") && (d.lastSuccess() == null
          || d.lastSuccess().plus(OVERDUE).isBefore(now));
      boolean badCheck = d.verification() != null && !d.verification().equals("PASSED")
          && !d.verification().equals("RUNNING");
      String css = failed || badCheck ? "bad" : overdue ? "overdue" : d.backupStatus() == null ? "" : "ok";
      body.append("<tr class=\"").append(css).append("\" data-definition=\"").append(d.definition()).append("\"><td>")
          .append(text(d.node())).append("</td><td>").append(d.definition()).append("</td><td>")
          .append(text(d.databases())).append("</td><td>")
          .append(d.backup() == null ? "none" : "<a href=\"/console/backups/" + d.backup() + "\">backup " + d.backup()
              + "</a>")
          .append("</td><td class=\"status\">").append(text(d.backupStatus() == null ? "" : d.backupStatus()))
          .append(overdue ? " <span class=\"flag\">overdue</span>" : "").append("</td><td>")
          .append(text(Html.age(d.finishedAt() != null ? d.finishedAt() : d.startedAt(), now))).append("</td><td>")
          .append(text(d.verification() == null ? "" : d.verification())).append("</td><td>")
          .append(text(Html.age(d.lastSuccess(), now))).append("</td></tr>");
    }
    body.append("</tbody></table><p class=\"legend\">Red: the last backup failed or its verification did not pass;"
        + " amber: no successful backup for ").append(OVERDUE.toHours()).append(" h.</p>");
    body.append("<h2>Running jobs</h2>").append(jobsTable(ctx, who));
    if (who.may(Role.OPERATOR)) {
      body.append(startForm(ctx));
    }
    ctx.html(Html.page("Overview", who, ConsoleContext.csrf(ctx), body.toString()));
  }

  private String jobsTable(Context ctx, Principal who) {
    List<Job> jobs = new java.util.ArrayList<>(coffer.jobs().list(JobState.RUNNING, 1_000));
    jobs.addAll(coffer.jobs().list(JobState.QUEUED, 1_000));
    if (jobs.isEmpty()) {
      return "<p id=\"no-jobs\">No job is queued or running.</p>";
    }
    StringBuilder table = new StringBuilder("<table id=\"jobs\"><thead><tr><th>Job</th><th>Type</th><th>Node</th>"
        + "<th>State</th><th>Progress</th><th>Phase</th><th></th></tr></thead><tbody>");
    for (Job job : jobs) {
      table.append("<tr><td><a href=\"/console/jobs/").append(job.id()).append("\">").append(job.id())
          .append("</a></td><td>").append(job.type()).append("</td><td>").append(text(job.subject().node()))
          .append("</td><td class=\"state\" data-job-state=\"").append(job.id()).append("\">").append(job.state())
          .append("</td><td>").append(progress(job)).append("</td><td data-job-phase=\"").append(job.id()).append("\">")
          .append(text(job.progress().phase())).append("</td><td>");
      if (who.may(Role.OPERATOR)) {
        table.append("<form method=\"post\" action=\"/console/jobs/").append(job.id()).append("/abort\">")
            .append(Html.csrfField(ConsoleContext.csrf(ctx))).append("<button type=\"submit\" class=\"abort\">Abort")
            .append("</button></form>");
      }
      table.append("</td></tr>");
    }
    return table.append("</tbody></table>").toString();
  }

  static String progress(Job job) {
    double percent = job.state() == JobState.SUCCEEDED ? 100 : job.progress().percent();
    return "<progress max=\"100\" value=\"" + Math.floor(percent) + "\" data-job=\"" + job.id() + "\"></progress> <span"
        + " data-job-percent=\"" + job.id() + "\">" + (int) Math.floor(percent) + "%</span>";
  }

  private String startForm(Context ctx) {
    StringBuilder form = new StringBuilder("<h2>Start a backup</h2><form method=\"post\" action=\"/console/backups/start\""
        + " id=\"start-form\">").append(Html.csrfField(ConsoleContext.csrf(ctx)))
        .append("<label>Node <select name=\"node\" id=\"start-node\">");
    for (Node node : coffer.nodes().list()) {
      form.append("<option>").append(text(node.name())).append("</option>");
    }
    form.append("</select></label><label>Databases <input name=\"databases\" id=\"start-databases\""
        + " placeholder=\"a name, a list, a pattern or #all_databases#; none for a whole node\"></label>"
        + "<label>Volume <select name=\"volume\" id=\"start-volume\">");
    for (RegisteredVolume volume : coffer.volumes().list()) {
      form.append("<option>").append(text(volume.name())).append("</option>");
    }
    form.append("</select></label><label>Kind <select name=\"kind\" id=\"start-kind\"><option value=\"\">the node's"
        + "</option>");
    for (io.coffer.model.Kind kind : io.coffer.model.Kind.values()) {
      form.append("<option>").append(kind).append("</option>");
    }
    return form.append("</select></label><label>Level <input name=\"level\" type=\"number\" min=\"0\" max=\"9\""
        + " value=\"0\"></label><button type=\"submit\" id=\"start\">Start backup</button></form>").toString();
  }

  private void start(Context ctx) {
    String levelText = ctx.formParam("level");
    int level;
    try {
      level = levelText == null || levelText.isBlank() ? 0 : Integer.parseInt(levelText.strip());
    } catch (NumberFormatException e) {
      throw io.coffer.server.http.ApiException.badValue("level", levelText, "a whole number from 0 to 9");
    }
    if (level < 0 || level > 9) {
      throw io.coffer.server.http.ApiException.badValue("level", levelText, "a whole number from 0 to 9");
    }
    // No databases: the engine takes the whole node for a PHYSICAL or FILES backup, and refuses naming the field else.
    String databases = ctx.formParam("databases");
    BackupOrder order = BackupOrder.byHand(node(ctx), databases == null || databases.isBlank() ? null
        : databases.strip()).level(level);
    String volume = ctx.formParam("volume");
    if (volume != null && !volume.isBlank()) {
      order.volume(volume);
    }
    String kind = ctx.formParam("kind");
    if (kind != null && !kind.isBlank()) {
      order.kind(io.coffer.catalog.Enums.kind(kind));
    }
    Job job = coffer.jobs().queueBackup(order);
    ctx.redirect("/console/jobs/" + job.id(), HttpStatus.SEE_OTHER);
  }

  private void job(Context ctx) {
    Job job = coffer.jobs().show(QueryParams.id(ctx, "id"));
    Principal who = ConsoleContext.principal(ctx);
    StringBuilder body = new StringBuilder("<dl class=\"details\"><dt>Type</dt><dd>").append(job.type())
        .append("</dd><dt>State</dt><dd data-job-state=\"").append(job.id()).append("\" id=\"job-state\">")
        .append(job.state()).append("</dd><dt>Progress</dt><dd>").append(progress(job)).append("</dd><dt>Phase</dt>")
        .append("<dd data-job-phase=\"").append(job.id()).append("\">").append(text(job.progress().phase()))
        .append("</dd><dt>Node</dt><dd>").append(text(job.subject().node())).append("</dd><dt>Backup</dt><dd>")
        .append(job.subject().backupId() == null ? "" : "<a href=\"/console/backups/" + job.subject().backupId() + "\">"
            + job.subject().backupId() + "</a>")
        .append("</dd><dt>Error</dt><dd>").append(text(job.error())).append("</dd></dl>");
    if (who.may(Role.OPERATOR) && (job.state() == JobState.QUEUED || job.state() == JobState.RUNNING)) {
      body.append("<form method=\"post\" action=\"/console/jobs/").append(job.id()).append("/abort\">")
          .append(Html.csrfField(ConsoleContext.csrf(ctx))).append("<button type=\"submit\" class=\"abort\">Abort")
          .append("</button></form>");
    }
    body.append("<h2>Log</h2><pre>").append(text(coffer.jobs().log(job.id()))).append("</pre>");
    ctx.html(Html.page("Job " + job.id(), who, ConsoleContext.csrf(ctx), body.toString()));
  }

  private void backups(Context ctx) {
    BackupFilter filter = BackupFilter.newest().limit(200).node(QueryParams.string(ctx, "node").orElse(null))
        .status(QueryParams.string(ctx, "status").map(BackupStatus::parse).orElse(null));
    List<Backup> backups = coffer.backups().list(filter);
    StringBuilder body = new StringBuilder("<form method=\"get\" class=\"filter\"><label>Node <input name=\"node\""
        + " value=\"").append(text(ctx.queryParam("node"))).append("\"></label><label>Status <select name=\"status\">"
        + "<option value=\"\">any</option>");
    for (BackupStatus status : BackupStatus.values()) {
      body.append("<option").append(status.name().equals(ctx.queryParam("status")) ? " selected" : "").append(">")
          .append(status.name()).append("</option>");
    }
    body.append("</select></label><button type=\"submit\">Filter</button></form>");
    body.append(Charts.storedAndDuration(backups));
    body.append("<table id=\"backups\"><thead><tr><th>Backup</th><th>Node</th><th>Databases</th><th>Kind</th>"
        + "<th>Level</th><th>Started</th><th>Duration</th><th>Read</th><th>Stored</th><th>Dedup</th><th>Status</th>"
        + "</tr></thead><tbody>");
    for (Backup b : backups) {
      body.append("<tr class=\"").append(b.status() == BackupStatus.FAILED || b.status() == BackupStatus.ABORTED
              ? "bad" : "").append("\"><td><a href=\"/console/backups/").append(b.id()).append("\">").append(b.id())
          .append("</a></td><td>").append(text(b.node())).append("</td><td>").append(text(String.join(", ",
              b.databases()))).append("</td><td>").append(b.kind()).append("</td><td>").append(b.level())
          .append("</td><td>").append(text(b.startedAt())).append("</td><td>")
          .append(b.duration() == null ? "" : b.duration().toSeconds() + " s").append("</td><td>")
          .append(Html.bytes(b.bytesRead())).append("</td><td>").append(Html.bytes(b.bytesStored())).append("</td><td>")
          .append(Charts.dedup(b)).append("</td><td class=\"status\">").append(b.status()).append("</td></tr>");
    }
    ctx.html(Html.page("Backups", ConsoleContext.principal(ctx), ConsoleContext.csrf(ctx),
        body.append("</tbody></table>").toString()));
  }

  private void backup(Context ctx) {
    Backup b = coffer.backups().show(QueryParams.id(ctx, "id"));
    StringBuilder body = new StringBuilder("<dl class=\"details\">");
    field(body, "Status", b.status());
    field(body, "Node", b.node());
    field(body, "Databases", String.join(", ", b.databases()));
    field(body, "Kind, level", b.kind() + ", level " + b.level() + (b.parentId() == null ? "" : " on " + b.parentId()));
    field(body, "Volume", b.volume());
    field(body, "Started", b.startedAt());
    field(body, "Duration", b.duration() == null ? "" : b.duration().toSeconds() + " s");
    field(body, "Read, new, stored", Html.bytes(b.bytesRead()) + ", " + Html.bytes(b.bytesNew()) + ", "
        + Html.bytes(b.bytesStored()));
    field(body, "Expires", b.expiresAt() == null ? "when removed" : b.expiresAt());
    field(body, "Checksum", b.checksum());
    field(body, "Verification", b.verification());
    field(body, "Error", b.error());
    body.append("</dl>");
    coffer.backups().report(b.id()).ifPresent(report -> {
      body.append("<h2>Streams</h2><table id=\"streams\"><thead><tr><th>Stream</th><th>Bytes</th><th>Digest</th>"
          + "</tr></thead><tbody>");
      report.streams().forEach(s -> body.append("<tr><td>").append(text(s.name())).append("</td><td>")
          .append(Html.bytes(s.bytes())).append("</td><td class=\"mono\">").append(text(s.digest())).append("</td></tr>"));
      body.append("</tbody></table><h2>Tables</h2><table id=\"tables\"><thead><tr><th>Database</th><th>Table</th>"
          + "<th>Rows</th><th>Checksum</th></tr></thead><tbody>");
      report.members().forEach(m -> m.tables().forEach(t -> body.append("<tr><td>").append(text(m.database()))
          .append("</td><td>").append(text(t.schema() == null ? t.table() : t.schema() + "." + t.table())).append("</td><td>").append(t.rows()).append("</td><td class=\"mono\">")
          .append(text(t.checksum())).append("</td></tr>")));
      body.append("</tbody></table>");
    });
    body.append("<h2>Log tail</h2><pre>").append(text(b.logTail())).append("</pre>");
    if (ConsoleContext.principal(ctx).may(Role.OPERATOR) && b.status() == BackupStatus.SUCCEEDED) {
      body.append("<p><a href=\"/console/restore?backup=").append(b.id()).append("\">Restore this backup</a></p>");
    }
    ctx.html(Html.page("Backup " + b.id(), ConsoleContext.principal(ctx), ConsoleContext.csrf(ctx), body.toString()));
  }

  private static String node(Context ctx) {
    String value = ctx.formParam("node");
    if (value == null || value.isBlank()) {
      throw new io.coffer.server.http.ApiException(400, "node is missing; accepted: the name of a node", "node");
    }
    return value.strip();
  }

  private static void field(StringBuilder body, String label, Object value) {
    body.append("<dt>").append(text(label)).append("</dt><dd>").append(text(value)).append("</dd>");
  }
}
