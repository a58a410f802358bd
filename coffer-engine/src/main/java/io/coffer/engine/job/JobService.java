package io.coffer.engine.job;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.job.ExpiredJob;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.job.Claimant;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.repo.lock.LockInfo;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue as the interfaces (CLI, agent, REST) see it: list, show, log, abort, the backups
 * running now, and the ending of jobs whose agent stopped answering.
 */
public final class JobService {

  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

  private final CatalogLink link;
  private final VolumeOpener volumes;
  private final int retries;

  public JobService(CatalogLink link, VolumeOpener volumes, int retries) {
    this.link = link;
    this.volumes = volumes;
    this.retries = retries;
  }

  public List<Job> list(JobState state, int limit) {
    return link.required().jobs().list(state, limit);
  }

  public Job show(long id) {
    return link.required().jobs().show(id);
  }

  public String log(long id) {
    return link.required().jobs().logOf(id);
  }

  /** Aborts a queued job at once; asks the agent running a running one to stop it within seconds. */
  public Job abort(long id) {
    return link.required().jobs().requestAbort(id);
  }

  /** Aborts the job that makes this backup; refused when no job of an agent makes it. */
  public Job abortBackup(long backupId) {
    Catalog catalog = link.required();
    Optional<Job> job = catalog.jobs().ofBackup(backupId);
    if (job.isEmpty()) {
      throw new CatalogValidationException("backup", backupId, "backup " + backupId + " is "
          + catalog.backups().show(backupId).status() + " and no running job makes it",
          "a backup that a job is making (coffer backup list --running)");
    }
    return catalog.jobs().requestAbort(job.get().id());
  }

  /** The QUEUED or RUNNING job making this backup, if a job makes it. */
  public Optional<Job> ofBackup(long backupId) {
    return link.required().jobs().ofBackup(backupId);
  }

  /** The jobs making backups now, with their live progress. */
  public List<Job> runningBackups() {
    return link.required().jobs().runningBackups();
  }

  /**
   * Ends the jobs whose lease ran out (FAILED, or queued again per {@code job.retry}) and removes the
   * volume locks their processes held, so prune does not wait for the locks to turn stale. Any
   * agent or command may do it: the catalog makes it happen once.
   */
  public List<ExpiredJob> expireLeases(Catalog catalog) {
    List<ExpiredJob> expired = expireLeases(catalog, null);
    expired.forEach(this::releaseLocks);
    return expired;
  }

  /**
   * Ends the jobs whose lease ran out, leaving alone those of {@code self} (a live agent process);
   * the caller then removes their locks with {@link #releaseLocks}, which opens volumes and may take
   * a while: an agent does it off its heartbeat.
   */
  public List<ExpiredJob> expireLeases(Catalog catalog, Claimant self) {
    List<ExpiredJob> expired = catalog.jobs().expireLeases(retries, self);
    for (ExpiredJob e : expired) {
      LOG.warn("job {} {}: {}", e.job().id(), e.requeued() ? "queued again" : "FAILED", e.reason());
    }
    return expired;
  }

  /** Removes the volume locks that the process of an expired job held, if it was writing a backup. */
  public void releaseLocks(ExpiredJob e) {
    if (e.volumeLocation() == null || e.runnerPid() == null) {
      return;
    }
    try {
      List<LockInfo> removed = volumes.open(e.volumeLocation()).locks()
          .removeHeldBy(e.runnerHost(), e.runnerPid());
      removed.forEach(lock -> LOG.info("removed {} from volume {} (job {})", lock.describe(), e.volumeLocation(),
          e.job().id()));
      if (removed.isEmpty()) {
        LOG.info("job {}: its process (pid {} on {}) held no lock in volume {}", e.job().id(), e.runnerPid(),
            e.runnerHost(), e.volumeLocation());
      }
    } catch (java.io.IOException | RuntimeException failure) {
      LOG.warn("could not remove the locks of job {} from volume {}: {}; they turn stale within 30 minutes",
          e.job().id(), e.volumeLocation(), failure.getMessage());
    }
  }

  /** The identity under which this process claims jobs for {@code agent}. */
  public static Claimant claimant(String agent, java.time.Duration lease) {
    return new Claimant(agent, io.coffer.repo.Host.name(), ProcessHandle.current().pid(), lease);
  }

  /** Ends expired leases when the catalog is reachable; a failure only logs (it is never the command's business). */
  public void expireLeasesQuietly() {
    link.reachable().ifPresent(catalog -> {
      try {
        expireLeases(catalog);
      } catch (CatalogException e) {
        LOG.debug("could not end expired job leases", e);
      }
    });
  }
}
