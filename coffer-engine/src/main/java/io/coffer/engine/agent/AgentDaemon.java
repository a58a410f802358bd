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
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.definition.ScheduledDefinition;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.BackupOutcome;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.offline.AgentCache;
import io.coffer.engine.offline.CachedDefinition;
import io.coffer.engine.offline.CachedSchedule;
import io.coffer.engine.offline.LocalCache;
import io.coffer.engine.run.RunControl;
import io.coffer.engine.volume.VolumeInfo;
import io.coffer.engine.config.AgentSettings;
import io.coffer.engine.job.JobControl;
import io.coffer.engine.job.JobRunner;
import io.coffer.engine.job.JobService;
import io.coffer.engine.job.ProgressMeter;
import io.coffer.engine.job.QueueSignal;
import io.coffer.engine.notify.Notice;
import io.coffer.engine.notify.Notifier;
import io.coffer.model.Host;
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
 * <p>Lifecycle: {@link #start()} takes (or registers) the agent row and starts two threads — the
 * heartbeat (renew leases, report progress, hear aborts, end other agents' expired jobs, notice
 * catalog changes) and the poll (queue what is due, claim what may run). Claimed jobs run on worker
 * threads, as many as the catalog lets this agent claim ({@code max_parallel_jobs} per agent and per
 * node is enforced by the claim itself, so it holds across agents). {@link #stop(Duration)} stops
 * claiming, lets running jobs finish within the grace period, aborts the rest and marks the agent
 * OFFLINE.
 *
 * <p>Timing: the poll sleeps until the earliest of the next fire time of its schedule, the poll
 * interval (for work queued by others), and a wake-up — a job that ended (room to claim more), a
 * reload asked for. So a due run is queued at its time, not up to a poll interval later, and a
 * thousand queued jobs are claimed as fast as the ones before them end.
 *
 * <p>Concurrency: the poll thread is the only one that queues and claims; the heartbeat thread only
 * renews and reports; workers only run their job and end it. The catalog is the coordination point
 * between agents: queuing is idempotent (schedule keys) and claiming exclusive (row locks), so two
 * agents never run one job.
 */
public final class AgentDaemon {

  private static final Logger LOG = LoggerFactory.getLogger(AgentDaemon.class);
  /** The shortest sleep between polls, so that no rounding of times can make the poll spin. */
  private static final long MIN_SLEEP_MILLIS = 5;
  /** The most jobs one claim takes; the agent's and the nodes' limits usually allow fewer. */
  private static final int CLAIM_BATCH = 32;

  private final CatalogLink link;
  private final JobRunner runner;
  private final JobService jobs;
  private final BackupService backups;
  private final LocalCache cache;
  /** Definitions running from the local cache while the catalog is away, one at a time. */
  private final ExecutorService offlineWorker;
  private final java.util.Set<Long> offlineRuns = ConcurrentHashMap.newKeySet();
  /** Writes the local cache off the poll thread; {@link #written} is what it last wrote. */
  private final ExecutorService cacheWriter;
  private volatile AgentCache written;
  /** Runs that came due but are not queued yet (the poll thread's alone). */
  private final java.util.ArrayDeque<Schedule.Due> unqueued = new java.util.ArrayDeque<>();
  private volatile boolean offline;
  private final String agent;
  private final AgentSettings settings;
  private final Clock clock;
  private final String version;
  private final Claimant claimant;
  private final Schedule schedule;
  private final Notifier notifier;
  private final Thread poller;
  /** Set by {@link #wake()}: the poll thread polls again now instead of sleeping on. */
  private final java.util.concurrent.Semaphore wakeUp = new java.util.concurrent.Semaphore(0);
  private volatile boolean stopping;
  private final ScheduledExecutorService beat;
  private final ExecutorService workers;
  private final Map<Long, JobControl> running = new ConcurrentHashMap<>();
  /** Ends of jobs that the catalog could not take when they ended; recorded once it answers. */
  private final java.util.Queue<Ending> finishLater = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile boolean idle;
  private volatile boolean accepting = true;
  private volatile boolean reloadRequested = true;
  private boolean started;
  private volatile String scheduleVersion = "";
  /** When this agent next queues the catalog's retention; null when retention.schedule is never. */
  private Instant nextRetention;
  private final QueueSignal queuedHere;
  /** The wake-up for jobs queued by this process (the API it serves), from start to stop. */
  private final Runnable wakeOnQueued = this::wake;

  /** {@code queuedHere} tells of jobs queued in this process: this agent claims them at once. */
  public AgentDaemon(CatalogLink link, JobRunner runner, JobService jobs, BackupService backups, LocalCache cache,
      String agent, AgentSettings settings, Clock clock, String version, QueueSignal queuedHere) {
    this.link = link;
    this.backups = backups;
    this.cache = cache;
    this.runner = runner;
    this.jobs = jobs;
    this.agent = agent;
    this.settings = settings;
    this.clock = clock;
    this.version = version;
    this.queuedHere = queuedHere;
    this.claimant = JobService.claimant(agent, settings.lease());
    this.notifier = new Notifier(settings);
    this.schedule = new Schedule(ZoneId.systemDefault(), problem -> LOG.error("{}", problem));
    this.poller = daemon(new Thread(this::pollLoop, "agent-" + agent));
    // Heartbeats have a thread of their own: a slow poll (many jobs queued at once) must not make
    // the leases of running jobs run out.
    this.beat = Executors.newSingleThreadScheduledExecutor(r -> daemon(new Thread(r, "heartbeat-" + agent)));
    this.offlineWorker = Executors.newSingleThreadExecutor(r -> daemon(new Thread(r, "offline-" + agent)));
    this.cacheWriter = Executors.newSingleThreadExecutor(r -> daemon(new Thread(r, "cache-" + agent)));
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
    AgentRepository.Registration registration = catalog.agents().start(agent, version, settings.lease(),
        Host.identity());
    LOG.info("agent {} {} (version {}, pid {}), heartbeat every {} ms, lease {} ms", agent,
        registration.registered() ? "registered and started" : "started", version, claimant.pid(),
        settings.heartbeat().toMillis(), settings.lease().toMillis());
    beat.scheduleWithFixedDelay(() -> guarded("heartbeat", this::heartbeat), settings.heartbeat().toMillis(),
        settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
    queuedHere.listen(wakeOnQueued);
    poller.start();
    return registration;
  }

  /** Reads the definitions again at the next poll (SIGHUP); changes are also noticed by themselves. */
  public void reload() {
    reloadRequested = true;
    wake();
  }

  /** Makes the poll thread poll now (a job ended, a reload was asked for). */
  private void wake() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  /**
   * Polls until stopped, sleeping in between until the next fire time of the schedule, the poll
   * interval or a {@link #wake()}, whichever comes first.
   */
  private void pollLoop() {
    while (!stopping) {
      boolean polled = logged("poll", this::poll);
      // After a failed poll (the catalog away) or while stopping, the schedule is not consumed:
      // its next time may have passed, and sleeping until it would spin.
      long wait = polled && accepting ? untilNextPoll() : settings.poll().toMillis();
      try {
        if (wakeUp.tryAcquire(Math.max(MIN_SLEEP_MILLIS, wait), TimeUnit.MILLISECONDS)) {
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Milliseconds until the next poll: at most the poll interval, less when a run is due sooner. */
  private long untilNextPoll() {
    long interval = settings.poll().toMillis();
    Instant now = clock.instant();
    long until = schedule.next().map(next -> Duration.between(now, next).toMillis()).orElse(interval);
    if (nextRetention != null && nextRetention.isBefore(now.plus(settings.poll()))) {
      until = Math.min(until, Duration.between(now, nextRetention).toMillis());
    }
    return Math.max(0, Math.min(interval, until));
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
    stopping = true;
    queuedHere.forget(wakeOnQueued);
    poller.interrupt();
    beat.shutdownNow();
    offlineWorker.shutdown();
    cacheWriter.shutdown();
    workers.shutdown();
    // A heartbeat under way when the beat was shut down would still commit ONLINE; it must land
    // before the OFFLINE below, not after it.
    try {
      beat.awaitTermination(30, TimeUnit.SECONDS);
      poller.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  /** A heartbeat step: nothing to do while the catalog is away. */
  private void guarded(String what, Runnable step) {
    if (link.recover()) {
      logged(what, step);
    }
  }

  /** Runs one step; false (after logging why) when it failed. */
  private boolean logged(String what, Runnable step) {
    try {
      step.run();
      return true;
    } catch (CatalogValidationException e) {
      LOG.warn("agent {}: {} failed: {}", agent, what, e.getMessage());
    } catch (CatalogException e) {
      // The next poll tries the catalog again, and runs from the local cache while it fails.
      link.markUnreachable(e);
      LOG.warn("agent {}: {} failed: {}", agent, what, e.getMessage());
    } catch (RuntimeException e) {
      // One failed step (the catalog away for a moment) must not end the agent's loops for good.
      LOG.warn("agent {}: {} failed: {}", agent, what, e.getMessage());
      LOG.debug("agent {}: {} failed", agent, what, e);
    }
    return false;
  }

  private void heartbeat() {
    Catalog catalog = link.required();
    finishLater.removeIf(ending -> ending.record(catalog));
    for (long id : catalog.jobs().renewLeases(claimant, List.copyOf(running.keySet()))) {
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
    jobs.expireLeases(catalog, claimant).forEach(expired -> workers.execute(() -> jobs.releaseLocks(expired)));
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
    if (!link.recover()) {
      pollOffline();
      return;
    }
    if (offline) {
      offline = false;
      reloadRequested = true;
      LOG.info("agent {}: the catalog is reachable again; results kept while it was away were recorded", agent);
    }
    Catalog catalog = link.required();
    Instant now = clock.instant();
    if (reloadRequested) {
      reloadRequested = false;
      scheduleVersion = catalog.definitions().scheduleVersion(agent);
      List<ScheduledDefinition> definitions = catalog.definitions().schedules(agent);
      List<Schedule.Due> missed = schedule.load(definitions, now, !started,
          started ? Map.of() : catalog.jobs().lastScheduled(agent));
      LOG.info("agent {}: {} scheduled definition(s) loaded", agent, schedule.size());
      // The local cache is written after the load and off this thread: at 10,000 definitions,
      // writing it here and reading every definition for it beside the load took a third of the
      // agent's start, and nothing reads it while the catalog answers.
      cacheForOffline(catalog, definitions);
      started = true;
      for (Schedule.Due due : missed) {
        LOG.info("definition {} missed its run at {} while the agent was down; running it once now",
            due.definitionId(), due.fireTime());
      }
      catalog.jobs().enqueueAll(missed.stream().map(this::job).toList());
    }
    queueRetention(catalog, now);
    unqueued.addAll(schedule.due(now));
    if (!unqueued.isEmpty()) {
      // Taken off only once queued: a run due when the catalog went away is run from the cache.
      catalog.jobs().enqueueAll(unqueued.stream().map(this::job).toList());
      unqueued.clear();
    }
    List<NewJob> others = new java.util.ArrayList<>();
    for (Oneoff oneoff : catalog.oneoffs().due(now)) {
      if (oneoff.agent().equals(agent)) {
        others.add(NewJob.of(JobType.BACKUP).agent(agent).oneoff(oneoff.id()).node(oneoff.node())
            .scheduleKey("one-off " + oneoff.id()));
      }
    }
    for (RestoreDefinition restore : catalog.restoreDefinitions().due(agent, now)) {
      others.add(NewJob.of(JobType.RESTORE).agent(agent).restoreDefinition(restore.id())
          .node(restore.targetNode()).scheduleKey("scheduled restore " + restore.id()));
    }
    catalog.jobs().enqueueAll(others);
    // One count first: an idle agent (the common case) then needs no claim transaction at all.
    int queued = catalog.jobs().queuedFor(agent);
    boolean claimedNone = true;
    if (queued > 0) {
      for (List<Job> claimed = claim(catalog); !claimed.isEmpty(); claimed = claim(catalog)) {
        claimed.forEach(job -> launch(catalog, job));
        claimedNone = false;
      }
    }
    idle = claimedNone && running.isEmpty() && (queued == 0 || catalog.jobs().queuedFor(agent) == 0);
  }

  /**
   * Queues the catalog's retention at the times {@code retention.schedule} names, as a job for any
   * agent under the key of its fire time: every agent queues it, the key lets one job in, one agent
   * claims it. At start-up, a run missed while the agents were down (the last retention job is older
   * than the last fire time) is queued once, as for definitions; a catalog that never ran retention
   * waits for the next time.
   */
  private void queueRetention(Catalog catalog, Instant now) {
    if (settings.retentionSchedule().isEmpty()) {
      return;
    }
    io.coffer.catalog.schedule.CronSpec cron = settings.retentionSchedule().get();
    ZoneId zone = ZoneId.systemDefault();
    if (nextRetention == null) {
      nextRetention = cron.nextAfter(now, zone).orElse(Instant.MAX);
      Optional<Instant> last = cron.lastBefore(now, zone);
      Optional<Instant> ran = catalog.jobs().lastQueued(JobType.RETENTION);
      if (last.isPresent() && ran.isPresent() && ran.get().isBefore(last.get())) {
        LOG.info("retention missed its run at {} while no agent ran; queuing it once now", last.get());
        catalog.jobs().enqueueAll(List.of(retentionJob(last.get())));
      }
    }
    if (!nextRetention.isAfter(now)) {
      Instant fired = cron.lastBefore(now.plusMillis(1), zone).orElse(nextRetention);
      catalog.jobs().enqueueAll(List.of(retentionJob(fired)));
      nextRetention = cron.nextAfter(now, zone).orElse(Instant.MAX);
    }
  }

  private static NewJob retentionJob(Instant fireTime) {
    return NewJob.of(JobType.RETENTION).scheduleKey("retention at " + fireTime);
  }

  /**
   * While the catalog is unreachable the agent goes on running its definitions on their schedule,
   * from the local cache, one at a time; their results go to pending files, which the catalog
   * records once it answers again (DESIGN rule 3, seed 003's pending logs). One-offs, scheduled
   * restores and queued jobs wait for the catalog.
   */
  private void pollOffline() {
    Instant now = clock.instant();
    if (!offline) {
      offline = true;
      LOG.warn("agent {}: {}; running its definitions from the local cache, results go to pending files", agent,
          link.unreachableReason());
      if (schedule.size() == 0) {
        schedule.load(cache.schedule(agent).stream().map(CachedSchedule::definition).toList(), now, false, Map.of());
      }
    }
    unqueued.addAll(schedule.due(now));
    while (!unqueued.isEmpty()) {
      Schedule.Due due = unqueued.poll();
      if (!offlineRuns.add(due.definitionId())) {
        LOG.warn("definition {} due at {} skipped: its previous run is still going", due.definitionId(),
            due.fireTime());
        continue;
      }
      offlineWorker.execute(() -> runOffline(due));
    }
  }

  private void runOffline(Schedule.Due due) {
    try {
      BackupOutcome outcome = backups.run(BackupOrder.ofDefinition(due.definitionId()), ProgressListener.NONE,
          SourceListener.NONE, RunControl.NONE);
      LOG.info("definition {} (due {}) ran without the catalog: backup {}{}", due.definitionId(), due.fireTime(),
          outcome.result().status(), outcome.pendingFile().map(f -> ", kept in " + f).orElse(", recorded"));
    } catch (RuntimeException e) {
      LOG.error("definition {} (due {}) could not run without the catalog: {}", due.definitionId(), due.fireTime(),
          e.getMessage());
    } finally {
      offlineRuns.remove(due.definitionId());
    }
  }

  /**
   * Caches what the agent's definitions need to run without the catalog: themselves, their nodes and
   * volumes. Off the poll thread, and only what changed since the last time: each cache file is
   * synced, and ten thousand of them at every reload held the poll past the runs it had to queue.
   */
  private void cacheForOffline(Catalog catalog, List<ScheduledDefinition> definitions) {
    cacheWriter.execute(() -> {
      cache.putSchedule(agent, definitions.stream().map(CachedSchedule::of).toList());
      refreshCache(catalog);
    });
  }

  private void refreshCache(Catalog catalog) {
    try {
      List<Definition> definitions = catalog.definitions().list(DefinitionFilter.all().agent(agent));
      java.util.Set<String> nodes = new java.util.HashSet<>();
      java.util.Set<String> volumes = new java.util.HashSet<>();
      List<CachedDefinition> cached = new java.util.ArrayList<>();
      for (Definition definition : definitions) {
        cached.add(CachedDefinition.of(catalog, definition));
        nodes.add(definition.node());
        volumes.add(definition.volume());
      }
      // One list of each rather than one read per name: an agent of a thousand nodes made a
      // thousand round trips here.
      AgentCache contents = new AgentCache(cached,
          catalog.nodes().list().stream().filter(n -> nodes.contains(n.name())).map(NodeInfo::of).toList(),
          catalog.volumes().list().stream().filter(v -> volumes.contains(v.name())).map(VolumeInfo::of).toList());
      if (!contents.equals(written)) {
        cache.putAgent(agent, contents);
        written = contents;
      }
    } catch (RuntimeException e) {
      LOG.warn("agent {}: could not refresh the local cache of its definitions: {}", agent, e.getMessage());
    }
  }

  private List<Job> claim(Catalog catalog) {
    return accepting ? catalog.jobs().claim(claimant, CLAIM_BATCH) : List.of();
  }

  /** The job of a scheduled run. */
  private NewJob job(Schedule.Due due) {
    return NewJob.of(JobType.BACKUP).agent(agent).definition(due.definitionId()).node(due.node())
        .scheduleKey(due.key());
  }

  private void launch(Catalog catalog, Job job) {
    ProgressMeter meter = new ProgressMeter(ProgressListener.NONE, new JobLog(catalog, job.id()));
    JobControl control = new JobControl(job, meter, backup -> catalog.jobs().attachBackup(job, backup));
    running.put(job.id(), control);
    LOG.info("job {} claimed: {} {}", job.id(), job.type(), describe(job));
    workers.execute(() -> carryOut(catalog, control));
  }

  private void carryOut(Catalog catalog, JobControl control) {
    Job job = control.job();
    try {
      JobRunner.Result result = runner.run(control);
      JobState state = result.state() == JobState.SKIPPED ? JobState.FAILED : result.state();
      Ending ending = new Ending(job, state, result.summary(), control.meter().snapshot());
      if (ending.record(catalog)) {
        jobs.endedHere();
      } else {
        finishLater.add(ending);
      }
      LOG.info("job {} {}: {}", job.id(), state, result.summary());
      if (state != JobState.SUCCEEDED) {
        failed.incrementAndGet();
      }
      if (notifier.wants(state.name())) {
        notifier.send(notice(catalog, job, state, result.summary()));
      }
    } catch (RuntimeException e) {
      LOG.error("job {} could not be recorded as ended: {}", job.id(), e.getMessage());
    } finally {
      running.remove(job.id());
      finished.incrementAndGet();
      // Room for the next job: claim it now, not at the next poll.
      wake();
    }
  }

  /**
   * How a job ended, to record. When the catalog cannot take it now (it went away while the job
   * ran), the heartbeat tries again until it can, so the job does not stay RUNNING and block the
   * definition's next runs; a refusal (the job was taken away meanwhile) is final.
   */
  private record Ending(Job job, JobState state, String summary, io.coffer.catalog.job.JobProgress progress) {

    /** True when recorded (or refused for good); false to try again later. */
    boolean record(Catalog catalog) {
      try {
        catalog.jobs().finish(job, state, state == JobState.SUCCEEDED ? "" : summary, progress, summary);
        return true;
      } catch (CatalogValidationException e) {
        LOG.warn("job {}: its end ({}) was not recorded: {}", job.id(), state, e.getMessage());
        return true;
      } catch (CatalogException e) {
        LOG.warn("job {}: the catalog cannot record its end ({}) now; trying again at the next heartbeat: {}",
            job.id(), state, e.getMessage());
        return false;
      }
    }
  }

  /** The notice of a job that ended, with the notification addresses of its agent and node. */
  private Notice notice(Catalog catalog, Job job, JobState state, String summary) {
    List<String> addresses = new java.util.ArrayList<>();
    try {
      catalog.config().forAgent(agent).stream().filter(e -> e.key().equals("notification_address"))
          .map(e -> e.value()).filter(v -> !v.isEmpty()).forEach(addresses::add);
      if (job.subject().node() != null) {
        catalog.config().forNode(job.subject().node()).stream().filter(e -> e.key().equals("notification_address"))
            .map(e -> e.value()).filter(v -> !v.isEmpty() && !addresses.contains(v)).forEach(addresses::add);
      }
    } catch (CatalogException e) {
      LOG.debug("notice of job {} without the catalog's notification addresses", job.id(), e);
    }
    return new Notice("job." + state.name().toLowerCase(java.util.Locale.ROOT), job.id(), job.type().name(),
        state.name(), agent, job.subject().node(), job.subject().definitionId(), job.subject().oneoffId(),
        job.subject().backupId(), summary, clock.instant(), addresses);
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
