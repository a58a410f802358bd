package io.coffer.engine;

import io.coffer.catalog.Catalog;
import io.coffer.engine.access.AccessService;
import io.coffer.engine.agent.AgentDaemon;
import io.coffer.engine.agent.AgentService;
import io.coffer.engine.history.HistoryService;
import io.coffer.engine.metrics.MetricsService;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.config.CofferConfig;
import io.coffer.engine.definition.DefinitionService;
import io.coffer.engine.job.JobRunner;
import io.coffer.engine.job.JobService;
import io.coffer.engine.job.QueueSignal;
import io.coffer.engine.node.Drivers;
import io.coffer.engine.node.NodeService;
import io.coffer.engine.offline.LocalCache;
import io.coffer.engine.offline.PendingResults;
import io.coffer.engine.rebuild.RebuildService;
import io.coffer.engine.restore.DueRestores;
import io.coffer.engine.restore.RestoreQueue;
import io.coffer.engine.restore.RestoreRecords;
import io.coffer.engine.restore.RestoreService;
import io.coffer.engine.retention.RetentionService;
import io.coffer.engine.verify.VerificationService;
import io.coffer.engine.volume.PassphraseSource;
import io.coffer.engine.volume.VolumeInfo;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.engine.volume.VolumeRegistry;
import io.coffer.engine.volume.VolumeService;
import io.coffer.model.Host;
import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.S3Options;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The engine's facade: one per process (or shell session), opened from the configuration, closed at
 * exit. It opens the catalog on first use and the volumes it touches, and keeps both open until
 * closed.
 *
 * <p>Interfaces (the CLI, the shell, the API server, the agent) work through the services here, the
 * catalog-only work as well, so that each rule lives in one place; the services also keep the local
 * cache and the pending results that let backups run while the catalog is away. {@link #catalog()}
 * is for the engine's own tests and tools.
 */
public final class Coffer implements AutoCloseable {

  private final CofferConfig config;
  private final CatalogLink link;
  private final VolumeOpener volumes;
  private final BackupService backups;
  private final RestoreService restores;
  private final DueRestores dueRestores;
  private final VerificationService verifications;
  private final VolumeRegistry volumeRegistry;
  private final VolumeService volumeService;
  private final NodeService nodes;
  private final DefinitionService definitions;
  private final RetentionService retention;
  private final RebuildService rebuild;
  private final JobService jobs;
  private final LocalCache cache;
  private final JobRunner jobRunner;
  private final AccessService access;
  private final AgentService agents;
  private final HistoryService history;
  private final MetricsService metrics;
  private final RestoreQueue restoreQueue;
  private final RestoreRecords restoreRecords;
  private final QueueSignal queueSignal = new QueueSignal();

  private Coffer(CofferConfig config, PassphraseSource passphrases, UnaryOperator<Backend> backends) {
    this.config = config;
    PendingResults pending = new PendingResults(config.pendingDirectory());
    this.link = new CatalogLink(config.catalogSettings().withActor(actor()), pending);
    this.volumes = new VolumeOpener(new S3Options(config.s3Endpoint(), config.s3Region(), config.s3PathStyle()),
        passphrases, backends, config.indexDirectory());
    Drivers drivers = new Drivers(config.tempDirectory());
    this.cache = new LocalCache(config.cacheDirectory());
    this.backups = new BackupService(link, cache, pending, volumes, drivers,
        config.agent(), config.defaultVolume(), config.jobs(), config.quiesceStateDirectory());
    this.restores = new RestoreService(link, volumes, drivers, config.agent(), config.jobs())
        .guessingVolumeBy(() -> cache.onlyVolume().flatMap(cache::volume).map(VolumeInfo::location));
    this.dueRestores = new DueRestores(link, restores, config.agent());
    this.verifications = new VerificationService(link, volumes, drivers, backups, config.agent(), config.jobs());
    this.volumeRegistry = new VolumeRegistry(link, volumes, config::catalogMayExist, cache::put);
    this.volumeService = new VolumeService(link, volumes, config::catalogMayExist);
    this.nodes = new NodeService(link, drivers);
    this.definitions = new DefinitionService(link, backups, drivers);
    this.retention = new RetentionService(link, volumes);
    this.rebuild = new RebuildService(link, volumes);
    this.jobs = new JobService(link, volumes, backups, config.agent(), config.operation(), queueSignal);
    this.jobRunner = new JobRunner(link, backups, verifications, dueRestores, retention);
    this.access = new AccessService(link, Clock.systemUTC());
    this.agents = new AgentService(link);
    this.history = new HistoryService(link);
    this.metrics = new MetricsService(link);
    this.restoreQueue = new RestoreQueue(link, restores, Clock.systemUTC(), queueSignal);
    this.restoreRecords = new RestoreRecords(link, backups);
    // The next command after an agent died ends its jobs, as any other agent would.
    link.onOpen(jobs::expireLeases);
  }

  /** The engine for this configuration; nothing is opened until it is needed. */
  public static Coffer open(CofferConfig config, PassphraseSource passphrases) {
    return new Coffer(config, passphrases, UnaryOperator.identity());
  }

  /** Like {@link #open(CofferConfig, PassphraseSource)}, with each volume's backend wrapped (faults in tests). */
  public static Coffer open(CofferConfig config, PassphraseSource passphrases, UnaryOperator<Backend> backends) {
    return new Coffer(config, passphrases, backends);
  }

  public CofferConfig config() {
    return config;
  }

  /** The catalog, opened (and pending results replayed) on first use; fails when unreachable. */
  public Catalog catalog() {
    return link.required();
  }

  /** The connection to the catalog, for callers that can do without it. */
  public CatalogLink catalogLink() {
    return link;
  }

  public BackupService backups() {
    return backups;
  }

  public RestoreService restores() {
    return restores;
  }

  /** The restore definitions of this agent whose time has come. */
  public DueRestores dueRestores() {
    return dueRestores;
  }

  public VerificationService verifications() {
    return verifications;
  }

  public VolumeRegistry volumes() {
    return volumeRegistry;
  }

  /** Forgetting and pruning a volume by hand, in step with what the catalog records there. */
  public VolumeService volumeService() {
    return volumeService;
  }

  /** Opened volumes, for interfaces that work on a volume itself (check, prune, stats). */
  public VolumeOpener volumeOpener() {
    return volumes;
  }

  public NodeService nodes() {
    return nodes;
  }

  public DefinitionService definitions() {
    return definitions;
  }

  /** Retention: which backups go, their removal from catalog and volume, and the prune after. */
  public RetentionService retention() {
    return retention;
  }

  /** The catalog's backup rows recreated from what a volume holds. */
  public RebuildService rebuild() {
    return rebuild;
  }

  /**
   * This host's agent ({@code agent:} or the host name), registered first when the catalog has none
   * of that name: a newcomer needs no {@code agent add} before {@code definition add}. The returned
   * sentence is there only when this call registered it, for the interface to say so once.
   */
  public Optional<String> ensureThisAgent() {
    io.coffer.catalog.agent.AgentRepository.Registration registration = catalog().agents().ensure(config.agent(),
        Host.identity());
    return registration.registered()
        ? Optional.of("registered this host as agent " + registration.agent().name() + " (id "
            + registration.agent().id() + "); agents run its definitions with: coffer agent run")
        : Optional.empty();
  }

  /** The agents the catalog knows. */
  public AgentService agents() {
    return agents;
  }

  /** Who changed what in the catalog, and how it ended. */
  public HistoryService history() {
    return history;
  }

  /** Restores planned now and carried out by an agent (the API's and the console's). */
  public RestoreQueue restoreQueue() {
    return restoreQueue;
  }

  /** The restores the catalog records, and the scheduled ones waiting for their agent. */
  public RestoreRecords restoreRecords() {
    return restoreRecords;
  }

  /** The catalog's aggregates, for monitoring. */
  public MetricsService metrics() {
    return metrics;
  }

  /** Users and tokens of the administration API, and logging in with them. */
  public AccessService access() {
    return access;
  }

  /**
   * Puts a command that was refused or failed into the history, unless the catalog or a service
   * recorded it already: everything tried is in the history, whichever layer refused it.
   *
   * @param action what was tried, e.g. {@code backup verify}
   * @param subject what it was tried on, e.g. {@code backup 99}
   * @param detail the request as given, without secrets
   */
  public void recordRefusal(String action, String subject, String detail, RuntimeException refusal) {
    Refusals.record(catalog(), action, subject, detail, refusal);
  }

  /** The job queue: list, show, log, abort, and the backups running now. */
  public JobService jobs() {
    return jobs;
  }

  /**
   * The process of {@code coffer agent run} for this configuration's agent; not started. {@code
   * version} is what {@code agent list} shows.
   */
  public AgentDaemon agentDaemon(Clock clock, String version) {
    return new AgentDaemon(link, jobRunner, jobs, backups, cache, config.agent(), config.operation(), clock, version,
        queueSignal);
  }

  /** Who the history records: the user, and the agent host this process runs on. */
  private String actor() {
    return Host.user() + "@" + config.agent();
  }

  @Override
  public void close() {
    try {
      volumes.close();
    } finally {
      link.close();
    }
  }
}
