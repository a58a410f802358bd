package io.coffer.cli.backup;

import io.coffer.catalog.CatalogException;
import io.coffer.catalog.Enums;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.verification.Verification;
import io.coffer.catalog.verification.VerificationStatus;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.cli.ExitCode;
import io.coffer.cli.UserException;
import io.coffer.cli.job.JobText;
import io.coffer.cli.remote.JobFollower;
import io.coffer.cli.remote.Remote;
import io.coffer.cli.remote.RemoteOperations;
import io.coffer.cli.remote.RemoteServer;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import io.coffer.engine.EngineException;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.BackupOutcome;
import io.coffer.engine.offline.PendingBackup;
import io.coffer.model.Kind;
import io.coffer.source.SourceListener;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer backup run DEFINITION | --node N --database D …}: a backup now, with a progress bar,
 * as a job of this process (listed, abortable with {@code backup abort}); then a verification when
 * the definition asks for one every N backups (exit 3 if it does not pass).
 */
@Command(name = "run", description = {"Run a backup now: of a definition, or of a node's databases by hand.",
    "With --kind FILES: its data directory, made consistent by --quiesce; with --kind PHYSICAL: a running"
        + " PostgreSQL or MariaDB server's files, copied online.",
    "A node that is DOWN refuses it."})
final class BackupRun extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "DEFINITION", description = "Id of the definition to run.")
  String definition;

  @Option(names = "--node", paramLabel = "NODE", description = "Back up this node by hand.")
  String node;

  @Option(names = {"--database", "--databases"}, paramLabel = "DATABASE",
      description = "A name, a list a,b, a pattern or #all_databases#.")
  String database;

  @Option(names = "--kind", paramLabel = "KIND", description = "Default: the definition's, else the node's (FULL).")
  String kind;

  @Option(names = "--level", paramLabel = "N", description = "0 (full, default) to 9: incremental on a lower level.")
  Integer level;

  @Option(names = "--expire", paramLabel = "EXPIRE", description = "How long the backup lives, e.g. \"1w 3d\" or \"10 days\".")
  String expire;

  @Option(names = "--volume", paramLabel = "VOLUME", description = "Default: the definition's, volume.default or the only one.")
  String volume;

  @Option(names = "--quiesce", paramLabel = "METHOD [KEY=VALUE…]", description = {
      "FILES: how the data directory is made consistent, e.g. \"stop-start stop='systemctl stop db'"
          + " start='systemctl start db'\"; none, stop-start, pre-post, btrfs, lvm or zfs.",
      "Default: the node's setting quiesce."})
  String quiesce;

  @Option(names = "--on-change", paramLabel = "warn|fail",
      description = "FILES: what a file that changed while it was read does. Default: the node's on_change (warn).")
  String onChange;

  @Option(names = "--no-wait", description = "With --server: print the queued job and return at once instead of"
      + " following it to its end.")
  boolean noWait;

  @Option(names = "--force-unquiesced", description = "FILES: copy a database's files with quiesce none (the copy may not open).")
  boolean forceUnquiesced;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.optional("Definition id (empty for a backup by hand)", "#0", () -> definition, v -> definition = v, ""),
        Question.optional("Node id / name", "--node", () -> node, v -> node = v, ""),
        Question.optional("Database", "--database", () -> database, v -> database = v, ""),
        Question.optional("Kind", "--kind", () -> kind, v -> kind = v, ""),
        Question.optional("Level", "--level", () -> level == null ? null : level.toString(),
            v -> level = level(v), "0"),
        Question.optional("Expire", "--expire", () -> expire, v -> expire = v, ""),
        Question.optional("Volume", "--volume", () -> volume, v -> volume = v, ""));
  }

  @Override
  protected boolean incomplete() {
    return blank(definition) && (blank(node) || (blank(database) && !files()));
  }

  /** A FILES or PHYSICAL backup copies the whole data directory, so it names no database. */
  private boolean files() {
    return kind != null && (kind.strip().equalsIgnoreCase(Kind.FILES.name())
        || kind.strip().equalsIgnoreCase(Kind.PHYSICAL.name()));
  }

  private static Integer level(String text) {
    if (blank(text)) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw new io.coffer.catalog.CatalogValidationException("level", text, "0 (full) to 9");
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /**
   * Against a server the backup is queued for an agent, and followed through the API until it ends
   * (a bar on a terminal), unless {@code --no-wait}; then the same line as a backup run here.
   */
  @Override
  protected int runRemote(RemoteServer server) {
    if (quiesce != null || onChange != null || forceUnquiesced) {
      throw new UserException("--quiesce, --on-change and --force-unquiesced do not run against a server: a"
          + " definition or the node's settings say how its agent quiesces");
    }
    if (definition != null && (node != null || database != null)) {
      throw new ParameterException(spec.commandLine(), "Give either a DEFINITION or --node and --database, not both");
    }
    Job queued = RemoteServer.read(definition != null
        ? server.post("/api/v1/definitions/" + Ids.parse("definition", definition) + "/run", Map.of())
        : server.post("/api/v1/backups", Remote.body("node", node, "databases", database, "kind", kind, "level", level,
            "expire", expire, "volume", volume)), Job.class);
    RemoteOperations operations = new RemoteOperations(server);
    if (noWait) {
      print(JobText.details(queued));
      return ExitCode.OK;
    }
    Job job = JobFollower.follow(operations, queued, progress(), err());
    Long backupId = job.subject().backupId();
    Backup backup = backupId == null ? null : operations.backup(backupId);
    if (json()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("job", job);
      fields.put("backup", backup);
      printJson(RemoteServer.tree(fields));
    } else if (job.state() == JobState.SUCCEEDED && backup != null) {
      say(done("backup " + backup.id(), backup.node(), backup.databases(), backup.status(), backup.kind(),
          backup.level(), backup.bytesRead(), backup.bytesNew(), backup.bytesStored(), backup.duration(),
          backup.manifestId(), backup.volume(), backup.onDiskUntil()));
    } else {
      print(JobText.details(job));
    }
    return job.state() == JobState.SUCCEEDED ? ExitCode.OK : ExitCode.FAILURE;
  }

  @Override
  protected boolean derivesAKey() {
    return true;
  }

  @Override
  protected int run(Coffer coffer) {
    definition = blank(definition) ? null : definition;
    node = blank(node) ? null : node;
    database = blank(database) ? null : database;
    kind = blank(kind) ? null : kind;
    expire = blank(expire) ? null : expire;
    volume = blank(volume) ? null : volume;
    BackupOrder order = order();
    if (kind != null) {
      order.kind(Enums.kind(kind));
    }
    if (expire != null) {
      order.expire(Expire.parse(expire));
    }
    order.level(level).volume(volume).quiesce(quiesce).onChange(onChange).forceUnquiesced(forceUnquiesced);
    BackupOutcome outcome = coffer.jobs().backupByHand(order, progress(), SourceListener.NONE);
    if (!json()) {
      report(outcome, Map.of());
    }
    Map<String, Object> verified = new LinkedHashMap<>();
    int code = verify(coffer, outcome, verified);
    if (json()) {
      report(outcome, verified);
    }
    return code;
  }

  /**
   * Verifies the backup when its definition asks for it now (every Nth backup). The backup stays
   * SUCCEEDED whatever the verification finds; a verification that did not pass exits 3.
   */
  private int verify(Coffer coffer, BackupOutcome outcome, Map<String, Object> verified) {
    Optional<Verification> verification;
    try {
      verification = coffer.verifications().afterBackup(outcome,
          VerificationText.listener(out(), err(), machineReadable()), progress());
    } catch (CatalogException | EngineException e) {
      String message = "backup " + outcome.recorded().map(Backup::id).orElse(0L) + " succeeded, but its verification"
          + " could not run: " + e.getMessage();
      err().println("coffer: " + message);
      err().flush();
      verified.put("verification", Map.of("status", "ERROR", "error", message));
      return ExitCode.DAMAGE;
    }
    if (verification.isEmpty()) {
      return ExitCode.OK;
    }
    verified.put("verification", VerificationText.fields(verification.get()));
    say(VerificationText.summary(verification.get()));
    return verification.get().status() == VerificationStatus.PASSED ? ExitCode.OK : ExitCode.DAMAGE;
  }

  private BackupOrder order() {
    if (definition != null && (node != null || database != null)) {
      throw new ParameterException(spec.commandLine(),
          "Give either a DEFINITION or --node and --database, not both");
    }
    if (definition != null) {
      return BackupOrder.ofDefinition(Ids.parse("definition", definition));
    }
    if (node == null || (database == null && !files())) {
      throw new ParameterException(spec.commandLine(), "Missing " + (node == null ? "option '--node'" : "option '--database'")
          + ": give a DEFINITION, or --node and --database");
    }
    return BackupOrder.byHand(node, database);
  }

  private void report(BackupOutcome outcome, Map<String, Object> verified) {
    PendingBackup result = outcome.result();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", outcome.recorded().map(Backup::id).orElse(null));
    fields.put("status", result.status());
    fields.put("node", result.node());
    fields.put("databases", String.join(",", result.databases()));
    fields.put("kind", result.kind());
    fields.put("level", result.level());
    fields.put("volume", result.volume());
    fields.put("manifest", result.manifestId());
    fields.put("bytes-read", result.bytesRead());
    fields.put("bytes-new", result.bytesNew());
    fields.put("bytes-stored", result.bytesStored());
    fields.put("seconds", Duration.between(result.startedAt(), result.finishedAt()).toMillis() / 1000.0);
    fields.put("on-disk-until", outcome.recorded().map(b -> Text.time(b.onDiskUntil())).orElse(""));
    fields.put("pending-file", outcome.pendingFile().map(Object::toString).orElse(null));
    if (json()) {
      fields.putAll(verified);
      printJson(fields);
      return;
    }
    String id = outcome.recorded().map(b -> "backup " + b.id()).orElse("backup");
    say(done(id, result.node(), result.databases(), result.status(), result.kind(), result.level(), result.bytesRead(),
        result.bytesNew(), result.bytesStored(), Duration.between(result.startedAt(), result.finishedAt()),
        result.manifestId(), result.volume(), outcome.recorded().flatMap(Backup::onDiskUntil)));
    outcome.pendingFile().ifPresent(file -> say("The catalog is unreachable: the result is kept in " + file
        + " and recorded when the catalog is reachable again."));
  }

  /** The line that tells of a backup done, the same whether it ran here or on a server's agent. */
  private static String done(String id, String node, List<String> databases, Object status, Object kind, int level,
      long read, long added, long stored, Duration took, String manifest, String volume, Optional<Instant> onDiskUntil) {
    String what = databases.isEmpty() ? "data directory" : String.join(",", databases);
    return "[Done] " + id + " of node " + node + " (" + what + ") " + status + ": " + kind + " level " + level
        + ", read " + Bytes.format(read) + ", new " + Bytes.format(added) + ", stored " + Bytes.format(stored) + " in "
        + Text.duration(took) + "; manifest " + manifest.substring(0, 12) + " in volume " + volume
        + onDiskUntil.map(t -> "; on disk until " + Text.time(t)).orElse("") + ".";
  }
}
