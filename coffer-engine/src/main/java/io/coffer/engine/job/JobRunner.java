package io.coffer.engine.job;

import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.catalog.verification.Verification;
import io.coffer.catalog.verification.VerificationStatus;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.backup.BackupFailedException;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.BackupOutcome;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.restore.DueRestores;
import io.coffer.engine.retention.RetentionOrder;
import io.coffer.engine.retention.RetentionReport;
import io.coffer.engine.retention.RetentionService;
import io.coffer.engine.verify.VerificationService;
import java.util.Optional;

/**
 * Carries out one claimed job through the engine's services, exactly as the commands that do the
 * same by hand would: a definition's or one-off's backup (then its verification when the definition
 * asks for one every N backups), a scheduled restore, the catalog's retention. It never throws: every way a job can end is
 * turned into its final state and the words for it.
 */
public final class JobRunner {

  /** How a job ended, and what to say about it. */
  public record Result(JobState state, String summary) {}

  private final CatalogLink link;
  private final BackupService backups;
  private final VerificationService verifications;
  private final DueRestores restores;
  private final RetentionService retention;

  public JobRunner(CatalogLink link, BackupService backups, VerificationService verifications, DueRestores restores,
      RetentionService retention) {
    this.link = link;
    this.backups = backups;
    this.verifications = verifications;
    this.restores = restores;
    this.retention = retention;
  }

  public Result run(JobControl control) {
    Job job = control.job();
    try {
      return switch (job.type()) {
        case BACKUP -> backup(job, control);
        case VERIFY -> verify(job, control);
        case RESTORE -> restore(job, control);
        case RETENTION -> retention(control);
        default -> new Result(JobState.FAILED, "agents do not carry out " + job.type() + " jobs in this version");
      };
    } catch (RuntimeException e) {
      return new Result(JobState.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private Result backup(Job job, JobControl control) {
    BackupOrder order;
    if (job.subject().definitionId() != null) {
      order = BackupOrder.ofDefinition(job.subject().definitionId());
    } else if (job.subject().oneoffId() != null) {
      order = BackupOrder.ofOneoff(job.subject().oneoffId());
    } else if (QueuedBackup.in(job.parameters()).isPresent()) {
      order = QueuedBackup.in(job.parameters()).get().order();
    } else {
      return new Result(JobState.FAILED, "job " + job.id() + " names no definition or one-off to back up");
    }
    ProgressMeter meter = control.meter();
    BackupOutcome outcome;
    try {
      outcome = backups.run(order, meter, meter, control);
    } catch (BackupFailedException e) {
      boolean aborted = BackupStatus.ABORTED.name().equals(e.outcome().result().status());
      endOneoff(job, RunOnceStatus.FAILED);
      return new Result(aborted ? JobState.ABORTED : JobState.FAILED, e.getMessage());
    } catch (RuntimeException e) {
      endOneoff(job, RunOnceStatus.FAILED);
      throw e;
    }
    endOneoff(job, RunOnceStatus.DONE);
    String done = outcome.recorded().map(b -> "backup " + b.id()).orElse("backup (pending "
        + outcome.pendingFile().map(Object::toString).orElse("") + ")") + " of node " + outcome.result().node()
        + " SUCCEEDED";
    Optional<Verification> verified;
    try {
      control.phase("Verification is active");
      verified = verifications.afterBackup(outcome, meter, meter);
    } catch (RuntimeException e) {
      boolean catalogAway = e instanceof CatalogException && !(e instanceof CatalogValidationException)
          || link.isUnreachable();
      if (catalogAway) {
        // The backup is committed and its result kept; only the check whether to verify it now
        // needed the catalog, which went away: that is not a failure of the backup.
        return new Result(JobState.SUCCEEDED, done + "; not verified: the catalog could not be asked whether to ("
            + e.getMessage() + ")");
      }
      return new Result(JobState.FAILED, done + ", but its verification could not run: " + e.getMessage());
    }
    return verified.map(v -> new Result(v.status() == VerificationStatus.PASSED ? JobState.SUCCEEDED : JobState.FAILED,
            done + "; verification " + v.id() + " " + v.status()
                + (v.error().isEmpty() ? "" : ": " + v.error())))
        .orElse(new Result(JobState.SUCCEEDED, done));
  }

  /** A verification asked for through the API: the backup restored into scratch databases and compared. */
  private Result verify(Job job, JobControl control) {
    Long backup = job.subject().backupId();
    if (backup == null) {
      return new Result(JobState.FAILED, "job " + job.id() + " names no backup to verify");
    }
    control.phase("Verification is active");
    Verification v = verifications.run(QueuedVerification.in(job.parameters()).map(q -> q.order(backup))
        .orElse(io.coffer.engine.verify.VerifyOrder.of(backup)), control.meter(), control.meter());
    return new Result(v.status() == VerificationStatus.PASSED ? JobState.SUCCEEDED : JobState.FAILED,
        "verification " + v.id() + " of backup " + backup + " " + v.status() + (v.error().isEmpty() ? "" : ": "
            + v.error()));
  }

  private Result restore(Job job, JobControl control) {
    Long id = job.subject().restoreDefinitionId();
    if (id == null) {
      return new Result(JobState.FAILED, "job " + job.id() + " names no scheduled restore");
    }
    control.phase("Restore is active");
    Optional<DueRestores.Result> result = restores.runOne(id, control.meter(), control.meter(), control);
    if (result.isEmpty()) {
      return new Result(JobState.SKIPPED, "scheduled restore " + id + " was already taken");
    }
    DueRestores.Result r = result.get();
    if (!r.succeeded() && control.abortRequested()) {
      return new Result(JobState.ABORTED, "scheduled restore " + id + " ABORTED: " + r.definition().error());
    }
    return r.succeeded()
        ? new Result(JobState.SUCCEEDED, "scheduled restore " + id + ": restore "
            + r.restore().map(x -> Long.toString(x.id())).orElse("?") + " SUCCEEDED")
        : new Result(JobState.FAILED, "scheduled restore " + id + " FAILED: " + r.definition().error());
  }

  /**
   * The catalog's retention, as {@code retention apply} does it: every definition's, one-off's and
   * expiring backup's, each volume that lost backups pruned under its lock. A volume another process
   * holds is left for the next run and said so; that is no failure. A volume that failed is.
   */
  private Result retention(JobControl control) {
    control.phase("Retention is active");
    RetentionReport report = retention.apply(RetentionOrder.all(), control.meter());
    StringBuilder summary = new StringBuilder("retention removed ").append(report.removed().size())
        .append(" backup(s)");
    long freed = 0;
    boolean failed = false;
    for (RetentionReport.VolumeOutcome volume : report.volumes()) {
      if (volume.prune() != null) {
        freed += volume.prune().bytesFreed();
      }
      if (!volume.problem().isEmpty()) {
        summary.append("; volume ").append(volume.volume()).append(" ").append(volume.problem());
        failed |= !volume.problem().startsWith(RetentionService.LEFT_ALONE);
      }
    }
    summary.append(", pruned ").append(report.volumes().stream().filter(v -> v.prune() != null).count())
        .append(" volume(s), ").append(freed).append(" bytes freed");
    if (!report.refused().isEmpty()) {
      summary.append("; ").append(report.refused().size()).append(" backup(s) due to go stayed: ")
          .append(report.refused().get(0).reason()).append(report.refused().size() > 1 ? " …" : "");
    }
    return new Result(failed ? JobState.FAILED : JobState.SUCCEEDED, summary.toString());
  }

  /** A one-off runs once: whatever became of its backup, it is no longer WAITING. */
  private void endOneoff(Job job, RunOnceStatus status) {
    if (job.subject().oneoffId() != null) {
      try {
        link.required().oneoffs().setStatus(job.subject().oneoffId(), status);
      } catch (RuntimeException e) {
        // The catalog went away: the job's schedule key keeps the one-off from running twice.
        org.slf4j.LoggerFactory.getLogger(JobRunner.class).warn("one-off {} could not be marked {}: {}",
            job.subject().oneoffId(), status, e.getMessage());
      }
    }
  }
}
