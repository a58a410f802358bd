package io.coffer.engine.restore;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreOption;
import io.coffer.catalog.restore.RestoreRefusal;
import io.coffer.catalog.restore.RestoreResult;
import io.coffer.catalog.restore.RestoreStart;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import io.coffer.engine.Refusals;
import io.coffer.engine.node.Drivers;
import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.run.RunControl;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.model.Kind;
import io.coffer.repo.BackupReader;
import io.coffer.repo.HotPaths;
import io.coffer.repo.ProgressListener;
import io.coffer.source.BackupReport;
import io.coffer.source.MemberReport;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.RunName;
import io.coffer.source.SourceDriver;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamReport;
import io.coffer.source.TargetException;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Restores backups. The plan is computed once and handed to the listener before anything changes; a
 * dry run stops there. A real restore is recorded RUNNING, carried out by the node's driver exactly
 * as planned (it removes what it created if it fails), and recorded with its outcome and the tools
 * it used. A restore refused before it starts is recorded in the history.
 */
public final class RestoreService {

  private final CatalogLink link;
  private final VolumeOpener volumes;
  private final Drivers drivers;
  private final String agent;
  private final int jobs;
  private final Clock clock;
  private final FilesRestore files;
  private Supplier<Optional<String>> likelyVolume = Optional::empty;

  public RestoreService(CatalogLink link, VolumeOpener volumes, Drivers drivers, String agent, int jobs) {
    this(link, volumes, drivers, agent, jobs, Clock.systemUTC());
  }

  /**
   * Names where the volume of the next restore most likely is (the local cache's only volume), so
   * that {@link #run} starts deriving its key (Argon2id, most of a second of one core) beside the
   * catalog's start and the plan instead of after them. A wrong guess costs an opening nobody uses.
   */
  public RestoreService guessingVolumeBy(Supplier<Optional<String>> location) {
    this.likelyVolume = location;
    return this;
  }

  /** @param clock the time plans take the names of renamed databases from */
  public RestoreService(CatalogLink link, VolumeOpener volumes, Drivers drivers, String agent, int jobs,
      Clock clock) {
    this.link = link;
    this.volumes = volumes;
    this.drivers = drivers;
    this.agent = agent;
    this.jobs = jobs;
    this.clock = clock;
    this.files = new FilesRestore(volumes, io.coffer.source.quiesce.Tools.system(), drivers);
  }

  /**
   * Plans the restore, hands the plan to the listener and, unless it is a dry run, carries out
   * exactly that plan. A restore refused before it starts (bad input, a target in the way) is
   * recorded in the history with the reason.
   */
  public RestoreOutcome run(RestoreOrder order, SourceListener listener, ProgressListener progress) {
    return run(order, listener, progress, RunControl.NONE);
  }

  /**
   * Like {@link #run(RestoreOrder, SourceListener, ProgressListener)}, under a control that can abort
   * it while the driver loads the backup: its streams then fail, the driver removes what it created
   * as after any failure (staging databases; an existing target is untouched until the swap at the
   * end), and the restore is recorded ABORTED with the reason. Once the driver has put the restored
   * databases in place the restore is done and an abort comes too late.
   */
  public RestoreOutcome run(RestoreOrder order, SourceListener listener, ProgressListener progress,
      RunControl control) {
    likelyVolume.get().ifPresent(location -> volumes.openAhead(location, HotPaths.READING));
    Catalog catalog = link.required();
    Optional<Backup> known = known(catalog, order.backupId());
    known.ifPresent(backup -> openAhead(catalog, backup));
    Optional<Backup> files = known.filter(b -> b.kind().copiesWholeNode());
    if (files.isPresent()) {
      return runFiles(catalog, files.get(), order, listener, progress, control);
    }
    Planned planned = Refusals.recorded(catalog, "restore start", "backup " + order.backupId(), order.toString(),
        () -> plan(catalog, order));
    RestorePlan plan = planned.plan();
    listener.planned(plan);
    if (order.isDryRun()) {
      return new RestoreOutcome(plan, Optional.empty(), Optional.empty());
    }
    Backup backup = planned.backup();
    BackupReport report = planned.stored().report();
    Restore started = catalog.restores().start(start(backup, order, plan));
    progress.start("restore backup " + backup.id(), report.totalBytes(), "bytes");
    try (BackupReader reader = planned.stored().reader()) {
      // The plan shown is the plan carried out: the driver does not plan again, so the names it
      // gives are the ones shown and recorded.
      RestoreReport done = planned.driver().carryOut(report, planned.request(), plan,
          planned.stored().streams(reader, progress, control), new PlanShownOnce(listener));
      Restore recorded = catalog.restores().finish(started.id(), RestoreResult.succeeded(bytesWritten(report, done))
          .versions(plan.targetVersion(), String.join(", ", plan.tools())).roles(done.rolesCreated())
          .logTail(String.join("\n", done.warnings())));
      return new RestoreOutcome(plan, Optional.of(done), Optional.of(recorded));
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (control.abortRequested()) {
        // Whatever error the stopping caused in the driver, it was stopped on purpose.
        String aborted = control.abortReason() + "; the driver: " + reason;
        catalog.restores().finish(started.id(), RestoreResult.aborted(aborted)
            .versions(plan.targetVersion(), String.join(", ", plan.tools())));
        throw new EngineException("restore " + started.id() + " of backup " + backup.id() + " ABORTED: " + aborted, e);
      }
      catalog.restores().finish(started.id(), RestoreResult.failed(reason)
          .versions(plan.targetVersion(), String.join(", ", plan.tools())));
      throw new EngineException("restore " + started.id() + " of backup " + backup.id() + " FAILED: " + reason, e);
    } finally {
      progress.done();
    }
  }

  /**
   * A FILES restore: into a directory rather than a database, planned and refused the same way (the
   * plan first, a dry run stops there, refusals go to the history), recorded with the directory as
   * its target.
   */
  private RestoreOutcome runFiles(Catalog catalog, Backup backup, RestoreOrder order, SourceListener listener,
      ProgressListener progress, RunControl control) {
    FilesRestore.Planned planned = Refusals.recorded(catalog, "restore start", "backup " + order.backupId(),
        order.toString(), () -> {
          Restorable.requireSucceeded(backup);
          return files.plan(catalog, backup, order);
        });
    RestorePlan plan = planned.plan();
    listener.planned(plan);
    if (order.isDryRun()) {
      return new RestoreOutcome(plan, Optional.empty(), Optional.empty());
    }
    RestoreStart start = RestoreStart.of(backup.id(), plan.target(), planned.target().toString());
    order.restoreDefinitionId().ifPresent(start::restoreDefinition);
    Restore started = catalog.restores().start(registered(start));
    try {
      RestoreReport done = files.carryOut(planned, listener, progress, control);
      done.warnings().forEach(listener::info);
      Restore recorded = catalog.restores().finish(started.id(), RestoreResult.succeeded(planned.bytes())
          .logTail(String.join("\n", done.warnings())));
      return new RestoreOutcome(plan, Optional.of(done), Optional.of(recorded));
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (control.abortRequested()) {
        catalog.restores().finish(started.id(), RestoreResult.aborted(control.abortReason() + "; " + reason));
        throw new EngineException("restore " + started.id() + " of backup " + backup.id() + " ABORTED: "
            + control.abortReason() + "; " + reason, e);
      }
      catalog.restores().finish(started.id(), RestoreResult.failed(reason));
      throw new EngineException("restore " + started.id() + " of backup " + backup.id() + " FAILED: " + reason, e);
    }
  }

  /**
   * The backup when it restores into a directory (FILES, PHYSICAL); an unknown id is refused (and
   * recorded) by the common path.
   */
  static Optional<Backup> filesBackup(Catalog catalog, long id) {
    return known(catalog, id).filter(b -> b.kind().copiesWholeNode());
  }

  private static Optional<Backup> known(Catalog catalog, long id) {
    try {
      return Optional.of(catalog.backups().show(id));
    } catch (io.coffer.catalog.CatalogException e) {
      return Optional.empty();
    }
  }

  /**
   * Starts opening the backup's volume while the restore is planned, where the guess was missing or
   * another volume (a home with several volumes): opened only when the backup was read, its key was
   * derived on the main thread, which then waited for it. Where it is the guessed one, nothing more
   * happens. A volume the catalog cannot name is left to the restore to report.
   */
  private void openAhead(Catalog catalog, Backup backup) {
    try {
      volumes.openAhead(catalog.volumes().show(backup.volume()).location(), HotPaths.READING);
    } catch (io.coffer.catalog.CatalogException e) {
      // the plan refuses the backup, naming what is wrong
    }
  }

  /** What a restore works with once its plan is made. */
  private record Planned(Backup backup, StoredBackup stored, SourceDriver driver, RestoreRequest request,
      RestorePlan plan) {}

  private Planned plan(Catalog catalog, RestoreOrder order) {
    Backup backup = catalog.backups().show(order.backupId());
    Restorable.requireSucceeded(backup);
    if (order.targetNode() == null) {
      throw new RestoreRefusal(RestoreOption.TARGET_NODE, null, "the node to restore to (" + RestoreOption.TARGET_NODE
          + ")");
    }
    NodeInfo target = NodeInfo.of(catalog.nodes().show(order.targetNode()));
    NodeInfo source = NodeInfo.of(catalog.nodes().show(backup.node()));
    Restorable.requireSameEngine(RestoreOption.TARGET_NODE, target, source);
    SourceDriver driver = drivers.driver(target);
    RestoreRequest request = request(order, target).withRun(RunName.of(catalog.identity()));
    StoredBackup stored = StoredBackup.read(catalog, volumes, backup);
    return new Planned(backup, stored, driver, request, plan(driver, stored.report(), request, order, target));
  }

  private RestoreRequest request(RestoreOrder order, NodeInfo target) {
    RestoreRequest request = RestoreRequest.to(drivers.sourceNode(target)).withTargetName(target.name())
        .withConflict(order.conflict()).withRoles(order.roles()).withJobs(order.jobs() > 0 ? order.jobs() : jobs)
        .withClock(clock);
    if (order.targetDatabase().isPresent()) {
      request = request.withTargetDatabase(order.targetDatabase().get());
    } else if (order.isTimestamped()) {
      request = request.withTimestamped();
    }
    if (order.isTerminateConnections()) {
      request = request.withTerminateConnections();
    }
    if (order.isDryRun()) {
      request = request.withDryRun();
    }
    return order.isKeepFailed() ? request.withKeepFailed() : request;
  }

  private static RestorePlan plan(SourceDriver driver, BackupReport report, RestoreRequest request, RestoreOrder order,
      NodeInfo target) {
    try {
      return driver.plan(report, request);
    } catch (TargetException e) {
      throw TargetRefusal.of(e, target.name(), order);
    } catch (SourceException e) {
      if (e.reason() == SourceException.Reason.TARGET_EXISTS || e.reason() == SourceException.Reason.INVALID_REQUEST) {
        throw new RestoreRefusal(RestoreOption.TARGET_DATABASE, order.targetDatabase().orElse("(as backed up)"),
            e.getMessage(), "a database that does not exist yet, or " + RestoreOption.EXISTING);
      }
      throw new EngineException("cannot plan the restore of backup " + order.backupId() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new EngineException("cannot plan the restore of backup " + order.backupId() + ": " + e.getMessage(), e);
    }
  }

  private RestoreStart start(Backup backup, RestoreOrder order, RestorePlan plan) {
    String database = plan.databases().size() == 1 ? plan.databases().get(0).target() : "";
    RestoreStart start = RestoreStart.of(backup.id(), order.targetNode(), database);
    plan.databases().stream().filter(step -> step.renamedTo() != null).findFirst()
        .ifPresent(step -> start.renamedExistingTo(step.renamedTo()));
    order.restoreDefinitionId().ifPresent(start::restoreDefinition);
    if (plan.terminateConnections()) {
      start.terminateConnections();
    }
    return registered(start);
  }

  /** The start on behalf of this process's agent when it is registered. */
  private RestoreStart registered(RestoreStart start) {
    boolean registered = link.required().agents().list().stream().anyMatch(a -> a.name().equals(agent));
    return registered ? start.agent(agent) : start;
  }

  /** The bytes of the streams of the members the restore wrote. */
  private static long bytesWritten(BackupReport report, RestoreReport done) {
    Set<String> streams = new HashSet<>();
    for (MemberReport member : report.members()) {
      streams.addAll(member.streams());
    }
    return report.streams().stream().filter(s -> streams.contains(s.name())).mapToLong(StreamReport::bytes).sum();
  }

  /**
   * Passes on everything but the plan: the driver reports the plan again when it starts, and the
   * caller has shown it already (or, verifying, has no use for it).
   */
  public record PlanShownOnce(SourceListener next) implements SourceListener {
    @Override
    public void planned(RestorePlan plan) {}

    @Override
    public void streamWritten(io.coffer.source.StreamReport stream) {
      next.streamWritten(stream);
    }

    @Override
    public void info(String message) {
      next.info(message);
    }

    @Override
    public void warn(String message) {
      next.warn(message);
    }
  }
}
