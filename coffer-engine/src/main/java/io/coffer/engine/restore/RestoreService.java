package io.coffer.engine.restore;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreResult;
import io.coffer.catalog.restore.RestoreStart;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import io.coffer.engine.node.Drivers;
import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.repo.BackupReader;
import io.coffer.repo.ProgressListener;
import io.coffer.source.BackupReport;
import io.coffer.source.MemberReport;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceDriver;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamReport;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Restores backups. The plan is computed and handed to the listener before anything changes; a dry
 * run stops there. A real restore is recorded RUNNING, carried out by the node's driver (which
 * removes what it created if it fails), and recorded with its outcome.
 */
public final class RestoreService {

  private final CatalogLink link;
  private final VolumeOpener volumes;
  private final Drivers drivers;
  private final String agent;
  private final int jobs;

  public RestoreService(CatalogLink link, VolumeOpener volumes, Drivers drivers, String agent, int jobs) {
    this.link = link;
    this.volumes = volumes;
    this.drivers = drivers;
    this.agent = agent;
    this.jobs = jobs;
  }

  public RestoreOutcome run(RestoreOrder order, SourceListener listener, ProgressListener progress) {
    Catalog catalog = link.required();
    Backup backup = catalog.backups().show(order.backupId());
    Restorable.requireSucceeded(backup);
    NodeInfo target = NodeInfo.of(catalog.nodes().show(order.targetNode()));
    NodeInfo source = NodeInfo.of(catalog.nodes().show(backup.node()));
    Restorable.requireSameEngine("target-node", target, source);
    SourceDriver driver = drivers.driver(target);
    RestoreRequest request = request(order, target);
    StoredBackup stored = StoredBackup.read(catalog, volumes, backup);
    BackupReport report = stored.report();
    RestorePlan plan = plan(driver, report, request, order);
    listener.planned(plan);
    if (order.isDryRun()) {
      return new RestoreOutcome(plan, Optional.empty(), Optional.empty());
    }
    Restore started = catalog.restores().start(start(backup, order, plan));
    progress.start("restore backup " + backup.id(), report.totalBytes(), "bytes");
    try (BackupReader reader = stored.reader()) {
      // The plan shown and recorded is the one carried out: planning again would pick new names
      // (a database renamed aside is suffixed with the time) once the clock passed a second.
      RestoreReport done = driver.carryOut(report, request, plan, stored.streams(reader, progress),
          new PlanShownOnce(listener));
      Restore recorded = catalog.restores().finish(started.id(), RestoreResult.succeeded(bytesWritten(report, done))
          .versions(report.serverVersion(), report.toolVersion()).roles(done.rolesCreated())
          .logTail(String.join("\n", done.warnings())));
      return new RestoreOutcome(plan, Optional.of(done), Optional.of(recorded));
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      catalog.restores().finish(started.id(), RestoreResult.failed(reason));
      throw new EngineException("restore " + started.id() + " of backup " + backup.id() + " FAILED: " + reason, e);
    } finally {
      progress.done();
    }
  }

  private RestoreRequest request(RestoreOrder order, NodeInfo target) {
    RestoreRequest request = RestoreRequest.to(drivers.sourceNode(target)).withConflict(order.conflict())
        .withRoles(order.roles()).withJobs(order.jobs() > 0 ? order.jobs() : jobs);
    if (order.targetDatabase().isPresent()) {
      request = request.withTargetDatabase(order.targetDatabase().get());
    } else if (order.isTimestamped()) {
      request = request.withTimestamped();
    }
    if (order.isDryRun()) {
      request = request.withDryRun();
    }
    return order.isKeepFailed() ? request.withKeepFailed() : request;
  }

  private static RestorePlan plan(SourceDriver driver, BackupReport report, RestoreRequest request, RestoreOrder order) {
    try {
      return driver.plan(report, request);
    } catch (io.coffer.source.SourceException e) {
      if (e.reason() == io.coffer.source.SourceException.Reason.TARGET_EXISTS
          || e.reason() == io.coffer.source.SourceException.Reason.INVALID_REQUEST) {
        throw new CatalogValidationException("target-database", order.targetDatabase().orElse("(as backed up)"),
            e.getMessage(), "a database that does not exist yet, or --rename-existing or --drop-existing");
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
