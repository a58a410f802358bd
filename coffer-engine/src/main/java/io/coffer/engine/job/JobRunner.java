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
import io.coffer.engine.verify.VerificationService;
import java.util.Optional;

/**
 * Carries out one claimed job through the engine's services, exactly as the commands that do the
 * same by hand would: a definition's or one-off's backup (then its verification when the definition
 * asks for one every N backups), a scheduled restore. It never throws: every way a job can end is
 * turned into its final state and the words for it.
 */
public final class JobRunner {

  /** How a job ended, and what to say about it. */
  public record Result(JobState state, String summary) {}

  private final CatalogLink link;
  private final BackupService backups;
  private final VerificationService verifications;
  private final DueRestores restores;

  public JobRunner(CatalogLink link, BackupService backups, VerificationService verifications, DueRestores restores) {
    this.link = link;
    this.backups = backups;
    this.verifications = verifications;
    this.restores = restores;
  }

  public Result run(JobControl control) {
    Job job = control.job();
    try {
      return switch (job.type()) {
        case BACKUP -> backup(job, control);
        case RESTORE -> restore(job, control);
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

  private Result restore(Job job, JobControl control) {
    Long id = job.subject().restoreDefinitionId();
    if (id == null) {
      return new Result(JobState.FAILED, "job " + job.id() + " names no scheduled restore");
    }
    control.phase("Restore is active");
    Optional<DueRestores.Result> result = restores.runOne(id, control.meter(), control.meter());
    if (result.isEmpty()) {
      return new Result(JobState.SKIPPED, "scheduled restore " + id + " was already taken");
    }
    DueRestores.Result r = result.get();
    return r.succeeded()
        ? new Result(JobState.SUCCEEDED, "scheduled restore " + id + ": restore "
            + r.restore().map(x -> Long.toString(x.id())).orElse("?") + " SUCCEEDED")
        : new Result(JobState.FAILED, "scheduled restore " + id + " FAILED: " + r.definition().error());
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
