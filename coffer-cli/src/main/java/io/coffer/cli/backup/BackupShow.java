package io.coffer.cli.backup;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.verification.Verification;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.job.JobText;
import io.coffer.cli.session.Details;
import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.remote.RemoteOperations;
import io.coffer.cli.remote.RemoteServer;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.LocalOperations;
import io.coffer.cli.session.Operations;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import io.coffer.engine.EngineException;
import io.coffer.engine.backup.BackupService;
import io.coffer.repo.manifest.Entry;
import io.coffer.source.BackupReport;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer backup show ID}: everything PgBackMan's show_backup_details shows — what, where,
 * when, how long, sizes, every stream with its size, roles, versions, "on disk until", the error
 * and the log tail, and the latest verification. The streams come from the report the catalog keeps; for a backup recorded
 * without one they are read from the volume, and if that cannot be opened the rest still shows.
 */
@Command(name = "show", description = "Show everything about a backup, including its streams and \"on disk until\".")
final class BackupShow extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the backup.")
  String id;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Backup id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected int run(Coffer coffer) {
    Backup b = coffer.backups().show(Ids.parse("backup", id));
    Details details = head(b, new LocalOperations(coffer));
    verification(details, b, coffer.verifications().latest(b.id()));
    if (b.status() == BackupStatus.SUCCEEDED) {
      coffer.backups().report(b.id()).map(io.coffer.source.BackupReport::files).ifPresent(f -> files(details, f));
      coffer.backups().report(b.id()).map(io.coffer.source.BackupReport::physical).ifPresent(p -> physical(details, p));
      details.table("Streams", streams(coffer, b, details));
    }
    print(log(details, b));
    return 0;
  }

  /**
   * Against a server: the same lines, from the backup, its newest verification and its contents
   * (the driver's report: streams, and what a FILES or PHYSICAL backup copied).
   */
  @Override
  protected int runRemote(RemoteServer server) {
    Backup b = new RemoteOperations(server).backup(Ids.parse("backup", id));
    Details details = head(b, new RemoteOperations(server));
    verification(details, b, latestVerification(server, b.id()));
    if (b.status() == BackupStatus.SUCCEEDED) {
      JsonNode contents = server.get("/api/v1/backups/" + b.id() + "/contents");
      Rows rows = new Rows("STREAM", "READ", "DIGEST").alignRight(1);
      if (contents.hasNonNull("report")) {
        // As on the server's host: the report's streams when there is a report (a FILES backup's has none).
        BackupReport report = RemoteServer.read(contents.path("report"), BackupReport.class);
        Optional.ofNullable(report.files()).ifPresent(f -> files(details, f));
        Optional.ofNullable(report.physical()).ifPresent(p -> physical(details, p));
        report.streams().forEach(st -> rows.add(st.name(), Bytes.format(st.bytes()), st.digest()));
      } else {
        contents.path("streams").forEach(st -> rows.add(st.path("name").asText(),
            Bytes.format(st.path("size").asLong()), ""));
      }
      details.table("Streams", rows);
    }
    print(log(details, b));
    return 0;
  }

  /** The backup's newest verification in three lines, or how to verify it when it never was. */
  private static void verification(Details details, Backup b, Optional<Verification> verification) {
    details.add("Verified", verification.map(VerificationText::brief).orElse(neverVerified(b)))
        .add("Verification differences", verification.map(v -> String.join("; ", v.differences())).orElse(""))
        .add("Verification error", verification.map(v -> v.error()).orElse(""));
  }

  private static Optional<Verification> latestVerification(RemoteServer server, long backup) {
    try {
      return Optional.of(server.get("/api/v1/backups/" + backup + "/verification", Verification.class));
    } catch (RemoteServer.Refused e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String neverVerified(Backup b) {
    return b.status() == BackupStatus.SUCCEEDED ? "never (coffer backup verify " + b.id() + ")" : "";
  }

  private static Details log(Details details, Backup b) {
    return details.add("Log", b.logTail().isEmpty() ? "" : "\n    " + b.logTail().replace("\n", "\n    "));
  }

  /** What, where, when, sizes, versions and, while it runs, its job's progress. */
  private static Details head(Backup b, Operations operations) {
    Details details = new Details()
        .add("Backup id", b.id())
        .add("Definition", Text.id(b.definitionId()))
        .add("One-off", Text.id(b.oneoffId()))
        .add("Node", b.node())
        .add("Databases", String.join(", ", b.databases()))
        .add("Kind", b.kind())
        .add("Level", b.level())
        .add("Parent backup", Text.id(b.parentId()))
        .add("Agent", b.agent() == null ? "" : b.agent())
        .add("Volume", b.volume())
        .add("Manifest", b.manifestId() == null ? "" : b.manifestId())
        .add("Status", b.status())
        .add("Started", Text.time(b.startedAt()))
        .add("Finished", Text.time(b.finishedAt()))
        .add("Duration", Text.duration(b.duration()));
    BackupRows.bytes(details, b)
        .add("On disk until", b.onDiskUntil().map(Text::time).orElse(b.status() == BackupStatus.SUCCEEDED
            ? "until removed" : ""))
        .add("Checksum", b.checksum())
        .add("Server version", b.serverVersion())
        .add("Tool version", b.toolVersion())
        .add("Roles", String.join(", ", b.roles()))
        .add("Error", b.error());
    if (b.status() == BackupStatus.RUNNING) {
      operations.jobOfBackup(b.id()).ifPresent(job -> JobText.progress(details.add("Job", job.id()), job));
    }
    return details;
  }

  /** What a FILES backup copied and how: the report's directory, quiesce, downtime and file events. */
  private static void files(Details details, io.coffer.source.FilesReport f) {
    details.add("Data directory", f.dataDirectory())
        .add("Quiesce", f.quiesce())
        .add("Quiesce steps", String.join("; ", f.quiesceSteps()))
        .add("Downtime", f.downtimeMillis() == 0 ? "" : Text.duration(java.time.Duration.ofMillis(f.downtimeMillis())))
        .add("Files", f.files() + " (" + Bytes.format(f.bytes()) + ")" + (f.reused() == 0 ? ""
            : ", " + f.reused() + " unchanged since the parent backup and not read"))
        .add("Changed while read", String.join("; ", f.changed()))
        .add("Vanished while read", String.join("; ", f.vanished()))
        .add("Left out", String.join("; ", f.skipped()))
        .add("Recovered", String.join("; ", f.recovered()));
  }

  /** What a PHYSICAL backup copied: the server's data directory, the log range a restore replays, the files. */
  private static void physical(Details details, io.coffer.source.PhysicalReport p) {
    details.add("Data directory", p.dataDirectory())
        .add("Consistency", p.consistency())
        .add("Log range", p.start() + " to " + p.stop());
    p.baseManifest().ifPresent(m -> details.add("Increment on", "backup " + p.detail(
        io.coffer.source.PhysicalReport.INCREMENT_OF_BACKUP) + " (manifest " + m + "), which a restore writes first"));
    if (p.tree() != null) {
      details.add("Files", p.tree().files() + " (" + Bytes.format(p.tree().bytes()) + ")" + (p.tree().reused() == 0
          ? "" : ", " + p.tree().reused() + " unchanged since the parent backup and not read"));
    }
    details.add("Tablespaces", String.join("; ", p.linkedTrees().stream().map(t -> t.name() + " (" + t.key() + ") "
        + t.location() + ": " + t.tree().files() + " files (" + Bytes.format(t.tree().bytes()) + ")").toList()));
    details.add("Changed while read", p.changedWhileRead() == 0 ? "" : p.changedWhileRead()
        + " files (repaired by the log replayed on start)");
  }

  private static Rows streams(Coffer coffer, Backup backup, Details details) {
    Rows rows = new Rows("STREAM", "READ", "DIGEST").alignRight(1);
    var recorded = coffer.backups().report(backup.id());
    if (recorded.isPresent()) {
      recorded.get().streams().forEach(s -> rows.add(s.name(), Bytes.format(s.bytes()), s.digest()));
      return rows;
    }
    try {
      BackupService.Contents contents = coffer.backups().contents(backup.id());
      var hashes = new java.util.HashMap<String, String>();
      contents.report().ifPresent(r -> r.streams().forEach(s -> hashes.put(s.name(), s.digest())));
      for (Entry entry : contents.manifest().entries()) {
        rows.add(entry.name(), Bytes.format(entry.size()), hashes.getOrDefault(entry.name(), ""));
      }
    } catch (EngineException | io.coffer.repo.VolumeException | io.coffer.cli.UserException e) {
      details.add("Streams", "not shown: " + e.getMessage());
    }
    return rows;
  }
}
