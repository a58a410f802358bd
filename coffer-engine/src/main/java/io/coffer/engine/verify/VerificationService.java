package io.coffer.engine.verify;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.verification.Verification;
import io.coffer.catalog.verification.VerificationResult;
import io.coffer.catalog.verification.VerificationScope;
import io.coffer.catalog.verification.VerificationStart;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.backup.BackupOutcome;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.node.Drivers;
import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.restore.Restorable;
import io.coffer.engine.restore.RestoreService.PlanShownOnce;
import io.coffer.engine.restore.StoredBackup;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.repo.BackupReader;
import io.coffer.repo.ProgressListener;
import io.coffer.source.BackupReport;
import io.coffer.source.MemberReport;
import io.coffer.source.NodeAccess;
import io.coffer.source.PhysicalDriver;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.RunName;
import io.coffer.source.SourceDriver;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.TableReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies backups: restores every member into its scratch database ({@link ScratchNames}), a name
 * new to this run that must not exist yet (a database of that name is never dropped: it is not this
 * run's), reads the restored contents back the way the backup computed them, compares ({@link
 * Tally}), and removes the scratch databases and the roles the restores created, whatever happened. The result is recorded
 * in the catalog: PASSED, FAILED with the differences, or ERROR with the reason.
 *
 * <p>Members are restored one at a time, each as a one-member backup, because a restore can name
 * its target only for one member. Roles a member's restore created are reused by the next member's
 * and removed at the end with the rest.
 */
public final class VerificationService {

  private final CatalogLink link;
  private final VolumeOpener volumes;
  private final Drivers drivers;
  private final BackupService backups;
  private final String agent;
  private final int jobs;

  public VerificationService(CatalogLink link, VolumeOpener volumes, Drivers drivers, BackupService backups,
      String agent, int jobs) {
    this.link = link;
    this.volumes = volumes;
    this.drivers = drivers;
    this.backups = backups;
    this.agent = agent;
    this.jobs = jobs;
  }

  /** The newest verification of backup {@code backupId}, if it was ever verified. */
  public Optional<Verification> latest(long backupId) {
    return link.required().verifications().latest(backupId);
  }

  /**
   * Verifies a backup and returns the recorded result. Bad input (an unknown or not SUCCEEDED
   * backup, a DATA backup, a node of another engine) is refused before anything is recorded.
   */
  public Verification run(VerifyOrder order, SourceListener listener, ProgressListener progress) {
    Catalog catalog = link.required();
    Backup backup = catalog.backups().show(order.backupId());
    Restorable.requireSucceeded(backup);
    if (backup.kind() == Kind.FILES) {
      return files(catalog, backup, listener, progress);
    }
    if (backup.kind() == Kind.PHYSICAL) {
      return physical(catalog, backup, listener, progress);
    }
    if (!backup.kind().restoresOnItsOwn()) {
      throw new CatalogValidationException("backup", order.backupId(), "backup " + backup.id() + " is a "
          + backup.kind() + " backup,"
          + " which loads into existing tables and cannot be restored into a scratch database on its own",
          "a FULL, SCHEMA or CLUSTER backup");
    }
    NodeInfo source = NodeInfo.of(catalog.nodes().show(backup.node()));
    NodeInfo target = source;
    if (order.node().isPresent()) {
      try {
        target = NodeInfo.of(catalog.nodes().show(order.node().get()));
      } catch (CatalogValidationException e) {
        throw e.renamed("on-node");
      }
      Restorable.requireSameEngine("on-node", target, source);
    }
    VerificationScope scope = backup.kind() == Kind.SCHEMA ? VerificationScope.SCHEMA : VerificationScope.CONTENT;
    StoredBackup stored;
    try {
      stored = StoredBackup.read(catalog, volumes, backup);
    } catch (RuntimeException e) {
      // Nothing was restored, but a backup that cannot be read back is what verification is for.
      Verification started = catalog.verifications().start(start(backup, target, List.of(), scope));
      return catalog.verifications().finish(started.id(), VerificationResult.error(0, 0, reason(e)));
    }
    BackupReport report = stored.report();
    List<String> scratch = ScratchNames.of(backup.id(), RunName.of(catalog.identity()), report.engine(),
        report.members().size());
    Verification started = catalog.verifications().start(start(backup, target, scratch, scope));
    NodeAccess node = drivers.sourceNode(target);
    SourceDriver driver = drivers.driver(target);
    List<RestoreReport> restored = new ArrayList<>();
    VerificationResult result = check(new Check(stored, backups.report(backup.id()), scratch, node, driver,
        order.jobs() > 0 ? order.jobs() : jobs, scope), restored, listener, progress);
    for (String problem : discard(driver, node, restored)) {
      listener.warn(problem);
      result = result.withError(problem);
    }
    return catalog.verifications().finish(started.id(), result);
  }

  /**
   * After a definition's backup succeeded: verifies it when the definition asks for verification
   * every N backups and this is its Nth succeeded one (their count is a multiple of N).
   */
  public Optional<Verification> afterBackup(BackupOutcome outcome, SourceListener listener,
      ProgressListener progress) {
    Optional<Backup> backup = outcome.recorded();
    if (backup.isEmpty() || backup.get().definitionId() == null || backup.get().status() != BackupStatus.SUCCEEDED) {
      return Optional.empty();
    }
    Catalog catalog = link.required();
    Definition definition = catalog.definitions().show(backup.get().definitionId());
    if (definition.verifyEvery() <= 0
        || catalog.backups().succeededCount(definition.id()) % definition.verifyEvery() != 0) {
      return Optional.empty();
    }
    return Optional.of(run(VerifyOrder.of(backup.get().id()), listener, progress));
  }

  /**
   * A FILES backup: every file of its tree re-read from the volume (each chunk checked against its
   * id) and its length and the totals compared with what the backup recorded; nothing is written.
   */
  private Verification files(Catalog catalog, Backup backup, SourceListener listener, ProgressListener progress) {
    Verification started = catalog.verifications().start(registered(VerificationStart.of(backup.id(), backup.node(),
        List.of(), VerificationScope.FILES)));
    VerificationResult result;
    try {
      StoredBackup stored = StoredBackup.read(catalog, volumes, backup);
      listener.info("re-reading the files of backup " + backup.id() + " from its volume");
      result = new TreeCheck(stored).run(progress);
    } catch (IOException | RuntimeException e) {
      result = VerificationResult.error(0, 0, reason(e));
    }
    return catalog.verifications().finish(started.id(), result);
  }

  /**
   * A PHYSICAL backup: restored into a scratch data directory on which a throwaway server starts and
   * every table is read ({@link PhysicalVerify}). A copy that does not start is an error, not a pass.
   */
  private Verification physical(Catalog catalog, Backup backup, SourceListener listener, ProgressListener progress) {
    NodeInfo source = NodeInfo.of(catalog.nodes().show(backup.node()));
    PhysicalDriver driver = drivers.physical(source.engineType());
    Verification started = catalog.verifications().start(registered(VerificationStart.of(backup.id(), backup.node(),
        List.of(), VerificationScope.CONTENT)));
    VerificationResult result;
    try {
      StoredBackup stored = StoredBackup.read(catalog, volumes, backup);
      listener.info("restoring backup " + backup.id() + " into a scratch data directory and starting a server on it");
      result = new PhysicalVerify(stored, backup.manifestId(), driver, drivers.sourceNode(source))
          .run(listener, progress);
    } catch (IOException | RuntimeException e) {
      result = VerificationResult.error(0, 0, reason(e));
    }
    return catalog.verifications().finish(started.id(), result);
  }

  /** Everything one verification works with. */
  private record Check(StoredBackup stored, Optional<BackupReport> catalogReport, List<String> scratch, NodeAccess node,
      SourceDriver driver, int jobs, VerificationScope scope) {}

  private static VerificationResult check(Check check, List<RestoreReport> restored, SourceListener listener,
      ProgressListener progress) {
    BackupReport report = check.stored().report();
    Tally tally = new Tally();
    progress.start("verify backup", report.totalBytes(), "bytes");
    try (BackupReader reader = check.stored().reader()) {
      for (int i = 0; i < report.members().size(); i++) {
        MemberReport member = report.members().get(i);
        String scratch = check.scratch().get(i);
        listener.info("restoring " + member.database() + " into scratch database " + scratch);
        RestoreRequest request = RestoreRequest.to(check.node()).withTargetDatabase(scratch)
            .withConflict(ExistingPolicy.REFUSE).withJobs(check.jobs());
        try {
          restored.add(check.driver().restore(only(report, member), request,
              check.stored().streams(reader, progress), new PlanShownOnce(listener)));
        } catch (SourceException e) {
          if (e.reason() != SourceException.Reason.VERIFY_FAILED) {
            throw e;
          }
          tally.restoreFound(member.database(), e.getMessage());
          continue;
        }
        List<TableReport> contents = check.driver().contents(check.node(), scratch, member.tables());
        if (check.scope() == VerificationScope.SCHEMA) {
          tally.schemaLoaded(contents);
        } else {
          tally.compare(member, check.catalogReport().flatMap(r -> memberOf(r, member.database())), contents);
        }
      }
    } catch (IOException | RuntimeException e) {
      return VerificationResult.error(tally.tables(), tally.rows(), reason(e));
    } finally {
      progress.done();
    }
    return tally.differences().isEmpty() ? VerificationResult.passed(tally.tables(), tally.rows())
        : VerificationResult.failed(tally.tables(), tally.rows(), tally.differences());
  }

  /** The backup as if it held only this member, so the restore can give it the scratch name. */
  private static BackupReport only(BackupReport report, MemberReport member) {
    return new BackupReport(report.layout(), report.engine(), report.kind(), report.node(), report.serverVersion(),
        report.toolVersion(), report.startedAt(), report.finishedAt(), report.consistency(), report.roles(),
        List.of(member), report.streams());
  }

  private static Optional<MemberReport> memberOf(BackupReport report, String database) {
    return report.members().stream().filter(m -> m.database().equals(database)).findFirst();
  }

  /** Removes every scratch database and created role; returns what could not be removed. */
  private static List<String> discard(SourceDriver driver, NodeAccess node, List<RestoreReport> restored) {
    List<String> problems = new ArrayList<>();
    for (int i = restored.size() - 1; i >= 0; i--) {
      try {
        driver.discard(node, restored.get(i));
      } catch (IOException | RuntimeException e) {
        problems.add("could not remove scratch " + restored.get(i).databases() + " and roles "
            + restored.get(i).rolesCreated() + ": " + reason(e));
      }
    }
    return problems;
  }

  private VerificationStart start(Backup backup, NodeInfo target, List<String> scratch, VerificationScope scope) {
    return registered(VerificationStart.of(backup.id(), target.name(), scratch, scope));
  }

  private VerificationStart registered(VerificationStart start) {
    boolean registered = link.required().agents().list().stream().anyMatch(a -> a.name().equals(agent));
    return registered ? start.agent(agent) : start;
  }

  private static String reason(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
