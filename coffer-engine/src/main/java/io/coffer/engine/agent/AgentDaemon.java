package io.coffer.engine.agent;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.agent.AgentRepository;
import io.coffer.catalog.job.Claimant;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.job.JobType;
import io.coffer.catalog.job.NewJob;
import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.config.AgentSettings;
import io.coffer.engine.job.JobControl;
import io.coffer.engine.job.JobRunner;
import io.coffer.engine.job.JobService;
import io.coffer.engine.job.ProgressMeter;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine side of {@code coffer agent run}.
 *
 * <p>Lifecycle: {@link #start()} takes (or registers) the agent row and starts two timers on one
 * thread — the heartbeat (renew leases, report progress, hear aborts, end other agents' expired
 * jobs, notice catalog changes) and the poll (queue what is due, claim what may run). Claimed jobs
 * run on worker threads, as many as the catalog lets this agent claim ({@code max_parallel_jobs}
 * per agent and per node is enforced by the claim itself, so it holds across agents). {@link
 * #stop(Duration)} stops claiming, lets running jobs finish within the grace period, aborts the
 * rest and marks the agent OFFLINE.
 *
 * <p>Concurrency: the timer thread is the only one that queues, claims and heartbeats; workers only
 * run their job and end it. The catalog is the coordination point between agents: queuing is
 * idempotent (schedule keys) and claiming exclusive (row locks), so two agents never run one job.
 */
public final class AgentDaemon {

  private static final Logger LOG = LoggerFactory.getLogger(AgentDaemon.class);

  private final CatalogLink link;
  private final JobRunner runner;
  private final JobService jobs;
  private final String agent;
  private final AgentSettings settings;
  private final Clock clock;
  private final String version;
  private final Claimant claimant;
  private final Schedule schedule;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;
  private final Map<Long, JobControl> running = new ConcurrentHashMap<>();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile boolean idle;
  private volatile boolean accepting = true;
  private volatile boolean reloadRequested = true;
  private boolean started;
  private String scheduleVersion = "";

  public AgentDaemon(CatalogLink link, JobRunner runner, JobService jobs, String agent, AgentSettings settings,
      Clock clock, String version) {
    this.link = link;
    this.runner = runner;
    this.jobs = jobs;
    this.agent = agent;
    this.settings = settings;
    this.clock = clock;
    this.version = version;
    this.claimant = JobService.claimant(agent, settings.lease());
    this.schedule = new Schedule(ZoneId.systemDefault(), problem -> LOG.error("{}", problem));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(new Thread(r, "agent-" + agent)));
    AtomicInteger worker = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> daemon(new Thread(r, "job-" + worker.incrementAndGet())));
  }

  private static Thread daemon(Thread thread) {
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Takes the agent row (registering it when this host has none yet) and starts heartbeating and
   * polling. Fails when the catalog cannot be reached at start: there is nothing to run yet.
   */
  public AgentRepository.Registration start() {
    Catalog catalog = link.required();
    AgentRepository.Registration registration = catalog.agents().start(agent, version, settings.lease());
    LOG.info("agent {} {} (version {}, pid {}), heartbeat every {} ms, lease {} ms", agent,
        registration.registered() ? "registered and started" : "started", version, claimant.pid(),
        settings.heartbeat().toMillis(), settings.lease().toMillis());
    timer.scheduleWithFixedDelay(() -> guarded("heartbeat", this::heartbeat), settings.heartbeat().toMillis(),
        settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(() -> guarded("poll", this::poll), 0, settings.poll().toMillis(),
        TimeUnit.MILLISECONDS);
    return registration;
  }

  /** Reads the definitions again at the next poll (SIGHUP); changes are also noticed by themselves. */
  public void reload() {
    reloadRequested = true;
  }

  /** Jobs running now. */
  public int running() {
    return running.size();
  }

  /**
   * True once a whole poll found nothing to queue or claim and no job runs: what {@code agent run
   * --exit-when-idle} waits for.
   */
  public boolean idle() {
    return idle && running.isEmpty();
  }

  /** Jobs of this process that did not succeed. */
  public int failed() {
    return failed.get();
  }

  /** Jobs this process has ended since it started. */
  public int finished() {
    return finished.get();
  }

  /**
   * Stops taking work, lets running jobs finish for up to {@code grace}, then aborts the rest and
   * waits for them to record ABORTED. Returns true when every job ended within the grace period.
   */
  public boolean stop(Duration grace) {
    accepting = false;
    LOG.info("agent {} stopping: {} job(s) running, grace period {} s", agent, running.size(), grace.toSeconds());
    long deadline = System.nanoTime() + grace.toNanos();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      sleep(100);
    }
    boolean clean = running.isEmpty();
    if (!clean) {
      running.values().forEach(control -> {
        LOG.warn("aborting job {}: the agent is stopping and its grace period ended", control.job().id());
        control.abort("aborted: agent " + agent + " was stopped and its grace period of " + grace.toSeconds()
            + " s ended");
      });
      long hard = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!running.isEmpty() && System.nanoTime() < hard) {
        sleep(100);
      }
    }
    timer.shutdownNow();
    workers.shutdown();
    try {
      link.required().agents().stop(agent);
    } catch (CatalogException | io.coffer.engine.EngineException e) {
      LOG.warn("could not mark agent {} stopped in the catalog: {}", agent, e.getMessage());
    }
    LOG.info("agent {} stopped", agent);
    return clean;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void guarded(String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      // One failed step (the catalog away for a moment) must not end the timer for good.
      LOG.warn("agent {}: {} failed: {}", agent, what, e.getMessage());
      LOG.debug("agent {}: {} failed", agent, what, e);
    }
  }

  private void heartbeat() {
    Catalog catalog = link.required();
    for (long id : catalog.jobs().renewLeases(claimant)) {
      Optional.ofNullable(running.get(id)).ifPresent(control -> abortRequested(control));
    }
    for (JobControl control : running.values()) {
      try {
        if (catalog.jobs().report(control.job(), control.meter().snapshot())) {
          abortRequested(control);
        }
      } catch (CatalogValidationException e) {
        // The job was taken from this agent (its lease ran out while the catalog was away): stop it.
        control.abort("aborted: " + e.getMessage());
      }
    }
    jobs.expireLeases(catalog);
    String version = catalog.definitions().scheduleVersion(agent);
    if (!version.equals(scheduleVersion)) {
      reloadRequested = true;
    }
  }

  private void abortRequested(JobControl control) {
    if (!control.abortRequested()) {
      LOG.info("job {}: abort requested; stopping it", control.job().id());
      control.abort("aborted on request (coffer job abort " + control.job().id() + ")");
    }
  }

  private void poll() {
    if (!accepting) {
      return;
    }
    Catalog catalog = link.required();
    Instant now = clock.instant();
    if (reloadRequested) {
      reloadRequested = false;
      scheduleVersion = catalog.definitions().scheduleVersion(agent);
      List<Schedule.Due> missed = schedule.load(catalog.definitions().schedules(agent), now, !started,
          started ? Map.of() : catalog.jobs().lastScheduled(agent));
      LOG.info("agent {}: {} scheduled definition(s) loaded", agent, schedule.size());
      started = true;
      for (Schedule.Due due : missed) {
        LOG.info("definition {} missed its run at {} while the agent was down; running it once now",
            due.definitionId(), due.fireTime());
        queue(catalog, due);
      }
    }
    schedule.due(now).forEach(due -> queue(catalog, due));
    for (Oneoff oneoff : catalog.oneoffs().due(now)) {
      if (oneoff.agent().equals(agent)) {
        catalog.jobs().enqueueOnce(NewJob.of(JobType.BACKUP).agent(agent).oneoff(oneoff.id()).node(oneoff.node())
            .scheduleKey("one-off " + oneoff.id()));
      }
    }
    for (RestoreDefinition restore : catalog.restoreDefinitions().due(agent, now)) {
      catalog.jobs().enqueueOnce(NewJob.of(JobType.RESTORE).agent(agent).restoreDefinition(restore.id())
          .node(restore.targetNode()).scheduleKey("scheduled restore " + restore.id()));
    }
    boolean claimedNone = true;
    for (Optional<Job> job = claim(catalog); job.isPresent(); job = claim(catalog)) {
      launch(catalog, job.get());
      claimedNone = false;
    }
    idle = claimedNone && running.isEmpty() && catalog.jobs().queuedFor(agent) == 0;
  }

  private Optional<Job> claim(Catalog catalog) {
    return accepting ? catalog.jobs().claim(claimant) : Optional.empty();
  }

  private void queue(Catalog catalog, Schedule.Due due) {
    catalog.jobs().enqueueOnce(NewJob.of(JobType.BACKUP).agent(agent).definition(due.definitionId()).node(due.node())
        .scheduleKey(due.key()));
  }

  private void launch(Catalog catalog, Job job) {
    ProgressMeter meter = new ProgressMeter(ProgressListener.NONE, new JobLog(catalog, job.id()));
    JobControl control = new JobControl(job, meter, backup -> catalog.jobs().attachBackup(job, backup));
    running.put(job.id(), control);
    LOG.info("job {} claimed: {} {}", job.id(), job.type(), describe(job));
    catalog.jobs().log(job.id(), "claimed by agent " + agent + " (pid " + claimant.pid() + ", attempt "
        + job.attempt() + ")");
    workers.execute(() -> carryOut(catalog, control));
  }

  private void carryOut(Catalog catalog, JobControl control) {
    Job job = control.job();
    try {
      JobRunner.Result result = runner.run(control);
      JobState state = result.state() == JobState.SKIPPED ? JobState.FAILED : result.state();
      catalog.jobs().log(job.id(), result.summary());
      catalog.jobs().report(job, control.meter().snapshot());
      catalog.jobs().finish(job, state, state == JobState.SUCCEEDED ? "" : result.summary());
      LOG.info("job {} {}: {}", job.id(), state, result.summary());
      if (state != JobState.SUCCEEDED) {
        failed.incrementAndGet();
      }
    } catch (RuntimeException e) {
      LOG.error("job {} could not be recorded as ended: {}", job.id(), e.getMessage());
    } finally {
      running.remove(job.id());
      finished.incrementAndGet();
    }
  }

  private static String describe(Job job) {
    if (job.subject().definitionId() != null) {
      return "of definition " + job.subject().definitionId();
    }
    if (job.subject().oneoffId() != null) {
      return "of one-off " + job.subject().oneoffId();
    }
    if (job.subject().restoreDefinitionId() != null) {
      return "of scheduled restore " + job.subject().restoreDefinitionId();
    }
    return "";
  }

  /** What the driver says about a job goes to the job's log and the agent's. */
  private static final class JobLog implements SourceListener {

    private final Catalog catalog;
    private final long id;

    JobLog(Catalog catalog, long id) {
      this.catalog = catalog;
      this.id = id;
    }

    @Override
    public void info(String message) {
      write(message);
    }

    @Override
    public void warn(String message) {
      write("warning: " + message);
    }

    private void write(String line) {
      try {
        catalog.jobs().log(id, line);
      } catch (CatalogException e) {
        LOG.debug("job {}: could not log: {}", id, line, e);
      }
    }
  }
}
