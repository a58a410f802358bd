package io.coffer.catalog;

import com.zaxxer.hikari.HikariDataSource;
import io.coffer.catalog.access.TokenRepository;
import io.coffer.catalog.access.UserRepository;
import io.coffer.catalog.agent.AgentRepository;
import io.coffer.catalog.backup.BackupRepository;
import io.coffer.catalog.config.ConfigRepository;
import io.coffer.catalog.definition.DefinitionRepository;
import io.coffer.catalog.history.HistoryRepository;
import io.coffer.catalog.job.JobRepository;
import io.coffer.catalog.metrics.MetricsRepository;
import io.coffer.catalog.node.NodeRepository;
import io.coffer.catalog.oneoff.OneoffRepository;
import io.coffer.catalog.restore.RestoreDefinitionRepository;
import io.coffer.catalog.restore.RestoreRepository;
import io.coffer.catalog.retention.RetentionRepository;
import io.coffer.catalog.run.InterruptedRuns;
import io.coffer.catalog.store.AttributeTemplates;
import io.coffer.catalog.store.ColonParameters;
import io.coffer.catalog.store.ConnectionPool;
import io.coffer.catalog.store.Migrations;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.verification.VerificationRepository;
import io.coffer.catalog.volume.VolumeRepository;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog: open it once per process, use its repositories from any thread, close it at exit.
 *
 * <p>Opening connects (an SQLite file is created if missing), brings the schema up to date and
 * fails with a {@link CatalogException} naming the location if either step fails. Several
 * processes may open the same catalog at once: SQLite serialises their writes, PostgreSQL's row
 * locks keep job claims exclusive.
 */
public final class Catalog implements AutoCloseable {

  private final CatalogSettings settings;
  private final HikariDataSource dataSource;
  private final AgentRepository agents;
  private final NodeRepository nodes;
  private final VolumeRepository volumes;
  private final ConfigRepository config;
  private final DefinitionRepository definitions;
  private final OneoffRepository oneoffs;
  private final BackupRepository backups;
  private final RestoreDefinitionRepository restoreDefinitions;
  private final RestoreRepository restores;
  private final VerificationRepository verifications;
  private final JobRepository jobs;
  private final RetentionRepository retention;
  private final InterruptedRuns interruptedRuns;
  private final HistoryRepository history;
  private final UserRepository users;
  private final TokenRepository tokens;
  private final MetricsRepository metrics;
  private final Store store;
  private volatile String identity;

  private Catalog(CatalogSettings settings, HikariDataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
    // Jdbi's ANTLR lexers cost a cold command tens of milliseconds: the statements' parameters are
    // found by hand, and only statements that may hold an <attribute> go to its template engine.
    Store store = new Store(
        Jdbi.create(dataSource).setTemplateEngine(new AttributeTemplates()).setSqlParser(new ColonParameters()),
        settings);
    this.store = store;
    this.agents = new AgentRepository(store);
    this.nodes = new NodeRepository(store);
    this.volumes = new VolumeRepository(store);
    this.config = new ConfigRepository(store);
    this.definitions = new DefinitionRepository(store, config);
    this.oneoffs = new OneoffRepository(store, config);
    this.backups = new BackupRepository(store);
    this.restoreDefinitions = new RestoreDefinitionRepository(store);
    this.restores = new RestoreRepository(store);
    this.verifications = new VerificationRepository(store);
    this.jobs = new JobRepository(store);
    this.retention = new RetentionRepository(store);
    this.interruptedRuns = new InterruptedRuns(store);
    this.history = new HistoryRepository(store);
    this.users = new UserRepository(store);
    this.tokens = new TokenRepository(store);
    this.metrics = new MetricsRepository(store);
  }

  public static Catalog open(CatalogSettings settings) {
    HikariDataSource dataSource = ConnectionPool.open(settings);
    try {
      Migrations.apply(dataSource, settings);
      return new Catalog(settings, dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  public CatalogSettings settings() {
    return settings;
  }

  public AgentRepository agents() {
    return agents;
  }

  public NodeRepository nodes() {
    return nodes;
  }

  public VolumeRepository volumes() {
    return volumes;
  }

  /** Defaults and the settings of agents and nodes. */
  public ConfigRepository config() {
    return config;
  }

  public DefinitionRepository definitions() {
    return definitions;
  }

  public OneoffRepository oneoffs() {
    return oneoffs;
  }

  public BackupRepository backups() {
    return backups;
  }

  public RestoreDefinitionRepository restoreDefinitions() {
    return restoreDefinitions;
  }

  public RestoreRepository restores() {
    return restores;
  }

  public VerificationRepository verifications() {
    return verifications;
  }

  public JobRepository jobs() {
    return jobs;
  }

  /** The backups retention weighs, and their removal with the reason recorded. */
  public RetentionRepository retention() {
    return retention;
  }

  /** Runs (backups, restores, verifications) left RUNNING by a process that is gone. */
  public InterruptedRuns interruptedRuns() {
    return interruptedRuns;
  }

  public HistoryRepository history() {
    return history;
  }

  /** The users of the administration API. */
  public UserRepository users() {
    return users;
  }

  /** Aggregates for monitoring. */
  public MetricsRepository metrics() {
    return metrics;
  }

  /** The API tokens, stored as hashes. */
  public TokenRepository tokens() {
    return tokens;
  }

  /**
   * This catalog's name among catalogs: eight hex digits drawn once when it was made. Runs put it in
   * the names of the databases they create on nodes, so that what one catalog's run creates is never
   * taken for another's. The same for every process that opens this catalog, and for its life.
   */
  public String identity() {
    String known = identity;
    if (known == null) {
      known = store.read(handle -> handle.createQuery("select id from catalog_identity").mapTo(String.class).one());
      identity = known;
    }
    return known;
  }

  /** Throws a {@link CatalogException} unless the catalog answers a trivial query now. */
  public void ping() {
    try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
      s.executeQuery("select 1").close();
    } catch (java.sql.SQLException e) {
      throw new CatalogException("catalog " + settings.location() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
