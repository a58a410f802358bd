package io.coffer.cli.catalog;

import io.coffer.cli.ExitCode;
import io.coffer.cli.output.TextTable;
import io.coffer.cli.output.TableTimes;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import io.coffer.engine.rebuild.RebuildReport;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer catalog rebuild --volume NAME}: the catalog's backup rows recreated from the volume's
 * manifests and reports, for a catalog lost or restored from an old copy. Running it again adds
 * nothing; exit code 3 when some backups could not be recorded or stale rows remain.
 */
@Command(name = "rebuild", description = {
    "Recreate the catalog's backups from what a volume holds.",
    "The volume is the truth, the catalog an index: one row per manifest the catalog lacks, with its node,",
    "databases, kind, level, sizes and report.",
    "Idempotent. Rows whose manifest is gone from the volume are listed; --forget-missing removes them."})
final class CatalogRebuild extends EngineCommand {

  @Option(names = "--volume", paramLabel = "NAME", description = "The registered volume to read (coffer volume add).")
  String volume;

  @Option(names = "--dry-run", description = "Print what would be added; change nothing.")
  boolean dryRun;

  @Option(names = "--forget-missing", description = "Also remove catalog rows whose manifest the volume no longer holds.")
  boolean forgetMissing;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Volume", "--volume", () -> volume, v -> volume = v));
  }

  @Override
  protected int run(Coffer coffer) {
    RebuildReport report = coffer.rebuild().rebuild(volume, dryRun, forgetMissing);
    if (json()) {
      printJson(report);
    } else {
      print(report);
    }
    return report.complete() ? ExitCode.OK : ExitCode.DAMAGE;
  }

  private void print(RebuildReport report) {
    PrintWriter out = out();
    String verb = report.dryRun() ? "Would add " : "Added ";
    out.println((report.dryRun() ? "Catalog rebuild dry run of volume " : "Catalog rebuilt from volume ")
        + report.volume() + ": " + verb.toLowerCase() + report.added().size() + " backups; " + report.known()
        + " already in the catalog" + (report.ignored().isEmpty() ? "."
            : "; " + report.ignored().size() + " not made by a node's backup (volume put) left out."));
    if (!report.added().isEmpty()) {
      TextTable table = new TextTable("BACKUP", "MANIFEST", "NODE", "DATABASES", "KIND", "LEVEL", "OF", "STARTED");
      report.added().forEach(a -> table.row(a.backup() == 0 ? "-" : a.backup(), a.manifestId().substring(0, 12),
          a.node(), a.databases(), a.kind(), a.level(), a.owner(), TableTimes.format(a.startedAt().toString())));
      table.print(out);
    }
    for (RebuildReport.Missing m : report.missing()) {
      String fate = report.forgotten().contains(m) ? "removed from the catalog"
          : !m.reason().isEmpty() ? "kept: " + m.reason() : "kept (--forget-missing removes it)";
      out.println("Backup " + m.backup() + ": its manifest " + m.manifestId().substring(0, 12)
          + " is not in the volume; " + fate + ".");
    }
    out.flush();
    if (!report.skipped().isEmpty()) {
      err().println("coffer: " + report.skipped().size() + " backups of the volume were not recorded:");
      report.skipped().forEach(s -> err().println("  manifest " + s.manifestId().substring(0, 12) + ": " + s.reason()));
      err().flush();
    }
  }
}
