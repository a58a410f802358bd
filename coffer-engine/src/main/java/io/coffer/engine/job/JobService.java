package io.coffer.engine.job;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.job.ExpiredJob;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.job.Claimant;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.job.JobType;
import io.coffer.catalog.job.NewJob;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import io.coffer.engine.backup.BackupFailedException;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.BackupOutcome;
import io.coffer.engine.backup.BackupPlan;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.config.AgentSettings;
import io.coffer.engine.run.RunControl;
import io.coffer.model.Host;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.repo.lock.LockInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue as the interfaces (CLI, agent, REST) see it: list, show, log, abort, the backups
 * running now, backups run by hand as jobs of their own, and the ending of jobs whose agent stopped
 * answering.
 */
public final class JobService {

  /** The most parallel jobs a queued verification may load data with. */
  public static final int MAX_VERIFY_JOBS = 64;

  /** The longest a request may wait for a job's end ({@link #await}). */
  public static final Duration MAX_AWAIT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
  private static final long AWAIT_FIRST_PAUSE_MILLIS = 10;
  private static final long AWAIT_LONGEST_PAUSE_MILLIS = 100;
  /** How many of a node's ended backup jobs {@link #latestBackup} looks through for one of a database. */
  private static final int LATEST_BACKUP_WINDOW = 500;

  private final CatalogLink link;
  private final VolumeOpener volumes;
  private final BackupService backups;
  private final String agent;
  private final AgentSettings settings;
  private final QueueSignal queued;
  /** The monitor {@link #await} waits on between its reads, notified by {@link #endedHere}. */
  private final Object endings = new Object();
  /** How many jobs of this process's agent have ended; guarded by {@link #endings}. */
  private long ended;

  /**
   * @param agent the agent this process acts as: jobs it runs by hand are held in its name
   * @param settings the heartbeat, lease and retries of jobs
   * @param queued told of each job queued here, for an agent of this process
   */
  public JobService(CatalogLink link, VolumeOpener volumes, BackupService backups, String agent,
      AgentSettings settings, QueueSignal queued) {
    this.link = link;
    this.volumes = volumes;
    this.backups = backups;
    this.agent = agent;
    this.settings = settings;
    this.queued = queued;
  }

  public List<Job> list(JobState state, int limit) {
    return link.required().jobs().list(state, limit);
  }

  public Job show(long id) {
    return link.required().jobs().show(id);
  }

  /**
   * The job once it has ended, or as it stands after {@code wait}: what someone following a job
   * asks for, so that its end is seen within a few hundredths of a second rather than at the next of
   * their reads (which a small backup's end waited half a second for). The job row is read again
   * after 10 ms, then after twice as long each time up to 100 ms: a job ending now is seen at once,
   * and one running for minutes costs ten indexed reads a second. A job that the agent of this
   * process ran ({@code agent run --listen}) is read again as soon as its end is recorded
   * ({@link #endedHere}), not up to 100 ms later: a small backup sent by a command ends about 0.4 s
   * after it starts, and the command waited an eighth of that again.
   */
  public Job await(long id, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = AWAIT_FIRST_PAUSE_MILLIS;
    long seen;
    synchronized (endings) {
      seen = ended;
    }
    Job job = show(id);
    while (!job.state().isFinal() && System.nanoTime() < deadline) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      try {
        synchronized (endings) {
          if (ended == seen) {
            endings.wait(Math.max(1, Math.min(pause, left)));
          }
          seen = ended;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return job;
      }
      pause = Math.min(AWAIT_LONGEST_PAUSE_MILLIS, pause * 2);
      job = show(id);
    }
    return job;
  }

  /** Tells the {@link #await} calls of this process that its agent recorded the end of a job. */
  public void endedHere() {
    synchronized (endings) {
      ended++;
      endings.notifyAll();
    }
  }

  public String log(long id) {
    return link.required().jobs().logOf(id);
  }

  /**
   * Queues a backup for an agent to carry out, and returns its job at once. The order is planned
   * first, so bad input (an unknown node or volume, a level without a parent, a node that is DOWN)
   * is refused before anything is queued. A definition's run goes to the definition's agent; a
   * backup of a node's databases to any agent.
   */
  public Job queueBackup(BackupOrder order) {
    BackupPlan plan = backups.plan(order);
    if (plan.offline()) {
      throw new EngineException(link.unreachableReason() + "; a backup cannot be queued without it");
    }
    NewJob job = NewJob.of(JobType.BACKUP).node(plan.node().name());
    if (plan.definitionId() != null) {
      job.definition(plan.definitionId()).agent(link.required().definitions().show(plan.definitionId()).agent());
    } else {
      job.parameters(QueuedBackup.of(plan).parameters());
    }
    return signalled(link.required().jobs().enqueue(job));
  }

  /**
   * Queues the verification of a backup for the agent that made it (any agent when none did): it is
   * restored into scratch databases on its node and compared with what it recorded. A backup that
   * cannot be verified (not SUCCEEDED) is refused before anything is queued.
   */
  public Job queueVerification(long backupId) {
    return queueVerification(backupId, null, 0);
  }

  /**
   * Queues the verification of a SUCCEEDED backup for its agent, restoring it on {@code onNode}
   * (null: the backup's own node) with {@code jobs} parallel jobs loading data (0: the configured
   * number). The node must exist and the number be 0 to {@link #MAX_VERIFY_JOBS}; otherwise nothing
   * is queued.
   */
  public Job queueVerification(long backupId, String onNode, int jobs) {
    Catalog catalog = link.required();
    if (jobs < 0 || jobs > MAX_VERIFY_JOBS) {
      throw new CatalogValidationException("jobs", jobs, "a whole number from 0 (the configured number) to "
          + MAX_VERIFY_JOBS);
    }
    String node = onNode == null || onNode.isBlank() ? null : catalog.nodes().show(onNode).name();
    io.coffer.catalog.backup.Backup backup = catalog.backups().show(backupId);
    if (backup.status() != BackupStatus.SUCCEEDED) {
      throw new CatalogValidationException("backup", backupId, "backup " + backupId + " is " + backup.status(),
          "a SUCCEEDED backup");
    }
    NewJob job = NewJob.of(JobType.VERIFY).backup(backupId).node(backup.node());
    if (backup.agent() != null) {
      job.agent(backup.agent());
    }
    if (node != null || jobs != 0) {
      job.parameters(new QueuedVerification(node, jobs).parameters());
    }
    return signalled(catalog.jobs().enqueue(job));
  }

  private Job signalled(Job job) {
    queued.queued();
    return job;
  }

  /**
   * The newest backup job of a node that includes {@code database}: a queued or running one when
   * there is one, else the last that ended; empty when the database was never backed up by a job.
   */
  public Optional<Job> latestBackup(String node, String database) {
    Catalog catalog = link.required();
    // One indexed query for the node's backup jobs, active first; only whether a job covers the
    // database (a pattern, a definition's selector) is decided here, usually on its first row.
    for (Job job : catalog.jobs().backupsOfNode(node, LATEST_BACKUP_WINDOW)) {
      if (covers(catalog, job, database)) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  /** The order a job queued through {@link #queueBackup} carries, if it carries one. */
  public Optional<QueuedBackup> queuedOrder(Job job) {
    return QueuedBackup.in(job.parameters());
  }

  private static boolean covers(Catalog catalog, Job job, String database) {
    Optional<QueuedBackup> queued = QueuedBackup.in(job.parameters());
    if (queued.isPresent()) {
      return DatabaseSelector.parse(queued.get().databases()).matches(database);
    }
    if (job.subject().backupId() != null) {
      return catalog.backups().show(job.subject().backupId()).databases().contains(database);
    }
    if (job.subject().definitionId() != null) {
      return catalog.definitions().show(job.subject().definitionId()).databases().matches(database);
    }
    return false;
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
    List<ExpiredJob> expired = catalog.jobs().expireLeases(settings.retries(), self);
    for (ExpiredJob e : expired) {
      LOG.warn("job {} {}: {}", e.job().id(), e.requeued() ? "queued again" : "FAILED", e.reason());
    }
    return expired;
  }

  /**
   * Runs a backup by hand ({@code backup run}) as a job this process holds ({@link HeldJob}): it is
   * listed with its live progress, {@code backup abort} and {@code job abort} stop it, and if this
   * process dies its lease runs out and the next agent or command ends it. The order is planned
   * first, so bad input is refused before anything is recorded. Without the catalog the backup runs
   * as it always did, its result kept in a pending file.
   */
  public BackupOutcome backupByHand(BackupOrder order, ProgressListener bar, SourceListener listener) {
    backups.openVolumeAhead(order);
    BackupPlan plan = backups.plan(order);
    Optional<HeldJob> held = plan.offline() ? Optional.empty() : hold(NewJob.of(JobType.BACKUP)
        .node(plan.node().name()).byHand(command(plan)), plan, bar, listener);
    if (held.isEmpty()) {
      return backups.run(plan, bar, listener, RunControl.NONE);
    }
    try (HeldJob job = held.get()) {
      try {
        BackupOutcome outcome = backups.run(plan, job.meter(), job.meter(), job.control());
        job.end(JobState.SUCCEEDED, outcome.recorded().map(b -> "backup " + b.id()).orElse("backup")
            + " SUCCEEDED");
        return outcome;
      } catch (BackupFailedException e) {
        boolean aborted = BackupStatus.ABORTED.name().equals(e.outcome().result().status());
        job.end(aborted ? JobState.ABORTED : JobState.FAILED, e.getMessage());
        throw e;
      } catch (RuntimeException e) {
        job.end(JobState.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        throw e;
      }
    }
  }

  /** The job of a run by hand, held by this process; empty when the catalog cannot record it now. */
  private Optional<HeldJob> hold(NewJob job, BackupPlan plan, ProgressListener bar, SourceListener listener) {
    if (plan.definitionId() != null) {
      job.definition(plan.definitionId());
    }
    if (plan.oneoffId() != null) {
      job.oneoff(plan.oneoffId());
    }
    Optional<Catalog> catalog = link.reachable();
    if (catalog.isEmpty()) {
      return Optional.empty();
    }
    try {
      Job started = catalog.get().jobs().startHeld(job, claimant(agent, settings.lease()));
      return Optional.of(new HeldJob(catalog.get(), started, bar, listener, settings.heartbeat(), settings.lease()));
    } catch (CatalogValidationException e) {
      throw e;
    } catch (CatalogException e) {
      link.markUnreachable(e);
      LOG.debug("backup run without a job: the catalog could not record one", e);
      return Optional.empty();
    }
  }

  /** The command a run by hand is, in the words of {@code backup run}. */
  private static String command(BackupPlan plan) {
    if (plan.definitionId() != null) {
      return "backup run " + plan.definitionId();
    }
    if (plan.oneoffId() != null) {
      return "backup of one-off " + plan.oneoffId();
    }
    return "backup run --node " + plan.node().name() + " --databases " + plan.databases() + " --kind " + plan.kind()
        + " --level " + plan.level() + " --volume " + plan.volume().name();
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
  public static Claimant claimant(String agent, Duration lease) {
    return new Claimant(agent, Host.name(), ProcessHandle.current().pid(), lease);
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
