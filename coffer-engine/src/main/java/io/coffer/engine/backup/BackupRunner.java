package io.coffer.engine.backup;

import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.engine.node.Drivers;
import io.coffer.engine.offline.PendingBackup;
import io.coffer.engine.run.RunControl;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.model.Kind;
import io.coffer.repo.BackupSummary;
import io.coffer.repo.BackupWriter;
import io.coffer.repo.HotPaths;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.manifest.BackupStats;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.manifest.Tree;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.NodeAccess;
import io.coffer.source.PhysicalDriver;
import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRequest;
import io.coffer.source.SourceDriver;
import io.coffer.source.SourceListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Runs one planned backup.
 *
 * <p>Order of events, each step only after the one before succeeded: membership is resolved against
 * the node (a database it lacks is bad input and nothing is recorded); the catalog records the
 * backup RUNNING; the driver writes its streams into a new volume backup; the report is added and
 * the backup committed (its manifest written last, DESIGN rule 2); the catalog records the result.
 * A failure after the RUNNING row abandons the volume backup (its packs are left for prune) and
 * records FAILED with the reason. Whenever the catalog is unreachable the result goes to a pending
 * file instead.
 */
final class BackupRunner {

  private final Drivers drivers;
  private final VolumeOpener volumes;
  private final BackupRecorder recorder;
  private final int jobs;
  private final FilesCapture files;
  private final Parents parents;

  BackupRunner(Drivers drivers, VolumeOpener volumes, BackupRecorder recorder, int jobs, FilesCapture files,
      Parents parents) {
    this.drivers = drivers;
    this.volumes = volumes;
    this.recorder = recorder;
    this.jobs = jobs;
    this.files = files;
    this.parents = parents;
  }

  BackupOutcome run(BackupPlan plan, ProgressListener progress, SourceListener listener, RunControl control) {
    // The volume's key derivation runs while the node lists its databases; the hot paths are warmed
    // up beside it only for a backup with enough data to pay for their compilation (HotPathWarmUp).
    volumes.openAhead(plan.volume().location(), HotPaths.NONE);
    if (HotPathWarmUp.beforeAsking(plan.kind())) {
      volumes.warmUp();
    }
    String phase = "backup " + plan.node().name();
    LogTail tail = new LogTail(listener, progress, phase);
    // The catalog keeps milliseconds; a pending result must replay to the same instant.
    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Capture capture;
    try {
      capture = switch (plan.kind()) {
        case FILES -> files(plan);
        case PHYSICAL -> physical(plan);
        default -> streams(plan);
      };
    } catch (IOException e) {
      Attempt attempt = new Attempt(plan, givenNames(plan), started, recorder.start(start(plan, givenNames(plan), started)));
      throw failed(attempt, tail, e, control);
    }
    Attempt attempt = new Attempt(plan, capture.members(), started, recorder.start(start(plan, capture.members(), started)));
    if (attempt.rowId() != null) {
      control.backupStarted(attempt.rowId());
    }
    control.phase("Backup is active");
    tail.add("backup of node " + plan.node().name() + (plan.kind() == Kind.FILES ? " data directory "
        + plan.node().dataDirectory() + " (quiesce " + plan.files().quiesce().method() + ")"
        : plan.kind() == Kind.PHYSICAL ? " server files" : " databases " + capture.members()) + " kind " + plan.kind() + " level " + plan.level() + " into volume "
        + plan.volume().name());
    BackupWriter writer = null;
    try {
      Volume volume = volumes.open(plan.volume().location());
      progress.start(phase, -1, "bytes");
      writer = volume.newBackup(tags(plan, capture.members()), progress);
      BackupReport report = capture.write(volume, writer, tail, control);
      control.checkpoint();
      writer.putStream(ReportStream.NAME, new ByteArrayInputStream(ReportStream.encode(report)));
      control.checkpoint();
      // The last moment an abort can stop it is after the last pack's upload, before the manifest:
      // once the manifest is written the backup exists.
      BackupSummary summary = writer.commit(control::checkpoint);
      writer = null;
      tail.add("committed manifest " + summary.id());
      PendingBackup result = succeeded(attempt, summary, report, tail);
      BackupRecorder.Recorded recorded = recorder.finish(result);
      return new BackupOutcome(recorded.row(), recorded.pendingFile(), result, report, plan);
    } catch (IOException | RuntimeException e) {
      abandon(writer, e);
      throw failed(attempt, tail, e, control);
    }
  }

  /** What a backup reads from its node, resolved before anything is recorded. */
  private interface Capture {
    /** The databases, as the catalog and the manifest record them; empty for a whole data directory. */
    List<String> members();

    BackupReport write(Volume volume, BackupWriter writer, LogTail tail, RunControl control) throws IOException;
  }

  /** A logical backup: the driver writes the members' streams. */
  private Capture streams(BackupPlan plan) throws IOException {
    SourceDriver driver = drivers.driver(plan.node());
    NodeAccess node = drivers.sourceNode(plan.node());
    Kind kind = drivers.requireKind(plan.node().engineType(), plan.kind());
    Membership membership = Membership.resolve(plan, driver, node);
    if (HotPathWarmUp.asksSize(kind, volumes.canWarmUp())
        && HotPathWarmUp.pays(kind, size(driver, node, membership.members()))) {
      volumes.warmUp();
    }
    return new Capture() {
      @Override
      public List<String> members() {
        return membership.members();
      }

      @Override
      public BackupReport write(Volume volume, BackupWriter writer, LogTail tail, RunControl control) throws IOException {
        return driver.backup(new BackupRequest(node, membership.selector(), kind, jobs, plan.extraParameters()),
            new VolumeSink(writer, control), tail);
      }
    };
  }

  /** The size of the databases as the node reports it; unknown when it cannot tell or the question failed. */
  private static OptionalLong size(SourceDriver driver, NodeAccess node, List<String> databases) {
    try {
      return driver.size(node, databases);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty(); // the backup itself reports what is wrong with the node
    }
  }

  /** A FILES backup: the data directory as a tree, against the parent's tree at a level above 0. */
  private Capture files(BackupPlan plan) {
    return new Capture() {
      @Override
      public List<String> members() {
        return List.of();
      }

      @Override
      public BackupReport write(Volume volume, BackupWriter writer, LogTail tail, RunControl control) throws IOException {
        return files.write(plan, writer, parentTrees(plan, volume, tail), tail, control);
      }
    };
  }

  /**
   * A PHYSICAL backup: the server's driver copies its files through the tree writer (against the
   * parent's tree at a level above 0) and stores the rest as streams; a driver that copies only what
   * changed since the parent (MariaDB) gets the parent's report too.
   */
  private Capture physical(BackupPlan plan) {
    PhysicalDriver driver = drivers.physical(plan.node().engineType());
    NodeAccess node = drivers.sourceNode(plan.node());
    String dataDirectory = plan.node().dataDirectory();
    PhysicalRequest request = new PhysicalRequest(node, dataDirectory == null || dataDirectory.isBlank() ? null
        : Path.of(dataDirectory));
    return new Capture() {
      @Override
      public List<String> members() {
        return List.of();
      }

      @Override
      public BackupReport write(Volume volume, BackupWriter writer, LogTail tail, RunControl control) throws IOException {
        Optional<ParentManifest> parent = parent(plan, volume, tail);
        PhysicalRequest withParent = request;
        Optional<PhysicalReport> parentReport = parent.isEmpty() ? Optional.empty() : parent.get().report(volume, tail);
        if (parentReport.isPresent()) {
          withParent = request.withParent(new PhysicalRequest.Parent(plan.parentId(), parent.get().id(),
              parentReport.get()));
        }
        PhysicalReport report = driver.backup(withParent, new VolumeTreeSink(writer, parentTrees(plan, parent, tail),
            control), new VolumeSink(writer, control), tail);
        return BackupReport.of(report);
      }
    };
  }

  /** The parent backup's manifest in this volume. */
  private record ParentManifest(long backupId, String id, Manifest manifest) {

    /** Its PHYSICAL report, or empty (said in the log) when it holds none. */
    Optional<PhysicalReport> report(Volume volume, LogTail tail) throws IOException {
      Optional<PhysicalReport> report = BackupService.report(volume, id, manifest).map(BackupReport::physical);
      if (report.isEmpty()) {
        tail.warn("parent backup " + backupId + " holds no PHYSICAL report; everything is read");
      }
      return report;
    }
  }

  /**
   * The parent backup's manifest; empty (every file read) at level 0, when the parent is unknown
   * (planned without the catalog) or not in this volume.
   */
  private Optional<ParentManifest> parent(BackupPlan plan, Volume volume, LogTail tail) throws IOException {
    if (plan.parentId() == null) {
      return Optional.empty();
    }
    Optional<String> manifestId = parents.manifestOf(plan.parentId());
    if (manifestId.isEmpty()) {
      tail.warn("the manifest of parent backup " + plan.parentId() + " is not known; every file is read (a full"
          + " copy)");
      return Optional.empty();
    }
    try {
      return Optional.of(new ParentManifest(plan.parentId(), manifestId.get(), volume.manifest(manifestId.get())));
    } catch (java.nio.file.NoSuchFileException | io.coffer.repo.VolumeException e) {
      tail.warn("parent backup " + plan.parentId() + " is not in volume " + plan.volume().name() + "; every file is"
          + " read (a full copy)");
      return Optional.empty();
    }
  }

  /** The parent backup's trees, whose unchanged files a level above 0 takes unread; none without a parent. */
  private VolumeTreeSink.ParentTrees parentTrees(BackupPlan plan, Volume volume, LogTail tail) throws IOException {
    return parentTrees(plan, parent(plan, volume, tail), tail);
  }

  private static VolumeTreeSink.ParentTrees parentTrees(BackupPlan plan, Optional<ParentManifest> parent,
      LogTail tail) {
    if (parent.isEmpty()) {
      return VolumeTreeSink.ParentTrees.NONE;
    }
    Manifest manifest = parent.get().manifest();
    return new VolumeTreeSink.ParentTrees() {
      @Override
      public String tree(String name) {
        Entry entry = manifest.entry(name);
        if (entry != null && entry.isTree()) {
          tail.info("level " + plan.level() + ": files unchanged since backup " + plan.parentId() + " are not read");
          return entry.tree();
        }
        tail.warn("parent backup " + plan.parentId() + " holds no tree " + name + "; every file is read (a full"
            + " copy)");
        return null;
      }

      @Override
      public Tree.Node root(String name) {
        Entry entry = manifest.entry(name);
        return entry != null && entry.isTree() ? entry.root() : null;
      }

      @Override
      public java.util.OptionalLong bytes(String name) {
        Entry entry = manifest.entry(name);
        return entry != null && entry.isTree() ? java.util.OptionalLong.of(entry.size()) : java.util.OptionalLong.empty();
      }
    };
  }

  /** Finds the manifest of a backup in the catalog, for the tree a level above 0 reads against. */
  @FunctionalInterface
  interface Parents {
    Optional<String> manifestOf(long backupId);
  }

  /** One run: what it is about, when it started, and its RUNNING row if the catalog recorded one. */
  private record Attempt(BackupPlan plan, List<String> members, Instant started, Long rowId) {}

  /**
   * Records how a run that did not commit ended: ABORTED when it was asked to stop (whatever error
   * the stopping caused in the driver), else FAILED.
   */
  private BackupFailedException failed(Attempt attempt, LogTail tail, Exception cause, RunControl control) {
    boolean aborted = control.abortRequested();
    String reason = aborted ? control.abortReason()
        : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    BackupStatus status = aborted ? BackupStatus.ABORTED : BackupStatus.FAILED;
    tail.add((aborted ? "aborted: " : "failed: ") + reason);
    PendingBackup result = result(attempt, status, null, new BackupStats(0, 0, 0, 0, 0, 0), reason,
        tail, null);
    BackupRecorder.Recorded recorded = recorder.finish(result);
    BackupOutcome outcome = new BackupOutcome(recorded.row(), recorded.pendingFile(), result, null, attempt.plan);
    String id = recorded.row().map(b -> "backup " + b.id()).orElse("backup (pending " + recorded.pendingFile()
        .map(Object::toString).orElse("") + ")");
    return new BackupFailedException(id + " of node " + attempt.plan.node().name() + " " + status + ": " + reason, outcome,
        cause);
  }

  private static void abandon(BackupWriter writer, Exception cause) {
    if (writer == null) {
      return;
    }
    try {
      writer.abort();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * A committed backup finished when its manifest says it was committed: the catalog then records
   * the very instant a catalog rebuilt from the volume would give (to the millisecond, as stored).
   */
  private static PendingBackup succeeded(Attempt attempt, BackupSummary summary, BackupReport report, LogTail tail) {
    return result(attempt, BackupStatus.SUCCEEDED, summary.id(), summary.stats(), "", tail, report,
        summary.time().truncatedTo(ChronoUnit.MILLIS));
  }

  /** The result to record; {@code report} is null for a backup that failed. */
  private static PendingBackup result(Attempt attempt, BackupStatus status, String manifestId, BackupStats stats,
      String error, LogTail tail, BackupReport report) {
    return result(attempt, status, manifestId, stats, error, tail, report, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  private static PendingBackup result(Attempt attempt, BackupStatus status, String manifestId, BackupStats stats,
      String error, LogTail tail, BackupReport report, Instant finished) {
    BackupPlan plan = attempt.plan;
    PendingBackup.Builder result = PendingBackup.of(plan.node().name(), plan.volume().name(), attempt.members,
            plan.kind())
        .row(attempt.rowId).level(plan.level(), plan.parentId()).definition(plan.definitionId())
        .oneoff(plan.oneoffId()).agent(plan.agent()).expire(plan.expire() == null ? null : plan.expire().toString())
        .ran(attempt.started, finished).sizes(stats).logTail(tail.text())
        .report(ReportStream.details(report));
    return (status == BackupStatus.SUCCEEDED ? result.succeeded(manifestId) : result.ended(status, error)).build();
  }

  private static BackupStart start(BackupPlan plan, List<String> members, Instant started) {
    BackupStart start = BackupStart.of(plan.node().name(), plan.volume().name(), members, plan.kind())
        .level(plan.level(), plan.parentId()).startedAt(started);
    if (plan.definitionId() != null) {
      start.definition(plan.definitionId());
    }
    if (plan.oneoffId() != null) {
      start.oneoff(plan.oneoffId());
    }
    if (plan.agent() != null) {
      start.agent(plan.agent());
    }
    if (plan.expire() != null) {
      start.expire(plan.expire());
    }
    return start;
  }

  /** The databases as given, for recording a backup that failed before the node listed its own. */
  private static List<String> givenNames(BackupPlan plan) {
    return plan.databases().isSingleDatabase() ? List.of(plan.databases().toString()) : List.of();
  }

  /** The manifest's tags: enough to know what a backup is from the volume alone. */
  static Map<String, String> tags(BackupPlan plan, List<String> members) {
    Map<String, String> tags = new TreeMap<>();
    tags.put("node", plan.node().name());
    tags.put("engine", plan.node().engine());
    tags.put("databases", String.join(",", members));
    tags.put("kind", plan.kind().name());
    tags.put("level", Integer.toString(plan.level()));
    if (plan.kind() == Kind.FILES) {
      tags.put("data-directory", plan.node().dataDirectory());
      tags.put("quiesce", plan.files().quiesce().method());
    }
    if (plan.definitionId() != null) {
      tags.put("definition", Long.toString(plan.definitionId()));
    }
    if (plan.oneoffId() != null) {
      tags.put("oneoff", Long.toString(plan.oneoffId()));
    }
    if (plan.expire() != null) {
      tags.put("expire", plan.expire().toString());
    }
    if (plan.agent() != null) {
      tags.put("agent", plan.agent());
    }
    return tags;
  }
}
