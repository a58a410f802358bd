package io.coffer.cli.retention;

import io.coffer.cli.ExitCode;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.output.TextTable;
import io.coffer.cli.output.TableTimes;
import io.coffer.cli.session.EngineCommand;
import io.coffer.engine.Coffer;
import io.coffer.engine.retention.RetentionOrder;
import io.coffer.engine.retention.RetentionReport;
import io.coffer.repo.PruneReport;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code coffer retention apply}: what the agent runs daily, by hand. A dry run prints exactly what
 * would go and why, and what the prune would free; a real run asks first in the shell.
 */
@Command(name = "apply", description = {
    "Remove the backups their definition's or one-off's retention no longer keeps, then prune their volumes.",
    "A backup goes when it is older than the retention period (or its own expire) and not among the newest",
    "'redundancy' SUCCEEDED backups, not kept by --keep-daily/weekly/monthly/yearly, and nothing builds on it."})
final class RetentionApply extends EngineCommand {

  @Option(names = "--definition", paramLabel = "ID", description = "Only this definition's backups.")
  String definition;

  @Option(names = "--one-off", paramLabel = "ID", description = "Only this one-off's backups.")
  String oneoff;

  @Option(names = "--dry-run", description = "Print what would go and why, and what it would free; change nothing.")
  boolean dryRun;

  @Option(names = "--force", description = {"Also remove what redundancy, the last SUCCEEDED backup rule or a waiting",
      "restore definition keeps (with --definition or --one-off only)."})
  boolean force;

  @Option(names = "--no-prune", negatable = false, description = "Forget the backups but leave their data for a later prune.")
  boolean noPrune;

  @Option(names = "--verbose", description = "Also list every backup kept, with the rule that keeps it.")
  boolean verbose;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  protected String confirmation() {
    return dryRun ? null : "Are you sure you want to remove the backups retention no longer keeps" + scope() + "?";
  }

  @Override
  protected boolean assumeYes() {
    return yes;
  }

  @Override
  protected int run(Coffer coffer) {
    RetentionReport report = coffer.retention().apply(order(), progress());
    if (json()) {
      printJson(RetentionJson.of(report));
    } else {
      print(report);
    }
    return report.complete() ? ExitCode.OK : ExitCode.DAMAGE;
  }

  private RetentionOrder order() {
    if (definition != null && oneoff != null) {
      throw new ParameterException(spec.commandLine(), "Give --definition or --one-off, not both");
    }
    RetentionOrder order = definition != null ? RetentionOrder.ofDefinition(Ids.parse("definition", definition))
        : oneoff != null ? RetentionOrder.ofOneoff(Ids.parse("one-off", oneoff)) : RetentionOrder.all();
    return order.dryRun(dryRun).force(force).prune(!noPrune);
  }

  private String scope() {
    return definition != null ? " of definition " + definition : oneoff != null ? " of one-off " + oneoff : "";
  }

  private void print(RetentionReport report) {
    PrintWriter out = out();
    out.println(report.dryRun() ? "Retention dry run; nothing was changed." : "Retention applied.");
    if (report.removed().isEmpty()) {
      out.println(report.dryRun() ? "No backup would go." : "No backup went.");
    } else {
      out.println((report.dryRun() ? "Would remove " : "Removed ") + report.removed().size() + " backups:");
      TextTable table = new TextTable("BACKUP", "OF", "VOLUME", "STATUS", "STARTED", "WHY");
      report.removed().forEach(r -> table.row(r.backup(), r.owner(), r.volume(), r.status(),
          TableTimes.format(r.startedAt().toString()), r.reason()));
      table.print(out);
    }
    if (verbose && !report.kept().isEmpty()) {
      out.println("Kept " + report.kept().size() + " backups:");
      TextTable table = new TextTable("BACKUP", "OF", "WHY");
      report.kept().forEach(k -> table.row(k.backup(), k.owner(), k.reason()));
      table.print(out);
    } else {
      out.println("Kept " + report.kept().size() + " backups" + (report.kept().isEmpty() ? "." : " (--verbose says why)."));
    }
    for (RetentionReport.VolumeOutcome v : report.volumes()) {
      out.println("Volume " + v.volume() + ": " + volumeLine(report.dryRun(), v));
    }
    if (!report.refused().isEmpty()) {
      err().println("coffer: " + report.refused().size() + " backups due to go stayed:");
      report.refused().forEach(r -> err().println("  backup " + r.backup() + " (" + r.owner() + "): " + r.reason()));
    }
    out.flush();
    err().flush();
  }

  private static String volumeLine(boolean dryRun, RetentionReport.VolumeOutcome v) {
    if (!v.problem().isEmpty()) {
      return v.problem();
    }
    String manifests = v.forgotten() + (dryRun ? " manifests to forget" : " manifests forgotten");
    PruneReport p = v.prune();
    if (p == null) {
      return manifests + "; not pruned";
    }
    return manifests + "; prune " + (dryRun ? "would free " : "freed ") + Bytes.format(p.bytesFreed()) + " ("
        + p.packsDeleted() + " packs deleted, " + p.packsRepacked() + " repacked)";
  }

  /** The report for scripts: times as ISO-8601 text. */
  record RetentionJson(boolean dryRun, boolean complete, List<Removed> removed, List<RetentionReport.Kept> kept,
      List<RetentionReport.Refused> refused, List<RetentionReport.VolumeOutcome> volumes) {

    record Removed(long backup, String owner, String volume, String manifestId, String status, String startedAt,
        String reason) {}

    static RetentionJson of(RetentionReport r) {
      return new RetentionJson(r.dryRun(), r.complete(), r.removed().stream().map(x -> new Removed(x.backup(), x.owner(),
          x.volume(), x.manifestId(), x.status().name(), x.startedAt().toString(), x.reason())).toList(), r.kept(),
          r.refused(), r.volumes());
    }
  }
}
