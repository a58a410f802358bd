package io.coffer.engine;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogSettings;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.run.InterruptedRun;
import io.coffer.catalog.run.Runner;
import io.coffer.engine.offline.PendingResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's connection to the catalog, opened on first use. When the catalog cannot be reached
 * the failure is remembered for this process, so a backup goes on without it (DESIGN rule 3) and
 * does not wait for a timeout at every step. The first successful open replays pending results.
 *
 * <p>Thread-safe.
 */
public final class CatalogLink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogLink.class);

  private final CatalogSettings settings;
  private final PendingResults pending;
  private Catalog catalog;
  private CatalogException unreachable;
  private PendingResults.Replay replay;
  private final List<InterruptedRun> interrupted = new ArrayList<>();
  private final List<java.util.function.Consumer<Catalog>> onOpen = new java.util.concurrent.CopyOnWriteArrayList<>();

  public CatalogLink(CatalogSettings settings, PendingResults pending) {
    this.settings = settings;
    this.pending = pending;
  }

  /** The catalog, or empty when it cannot be reached now. Bad settings are not "unreachable": they throw. */
  public synchronized Optional<Catalog> reachable() {
    if (unreachable != null) {
      return Optional.empty();
    }
    if (catalog == null) {
      try {
        catalog = Catalog.open(settings);
      } catch (CatalogValidationException e) {
        throw e;
      } catch (CatalogException e) {
        unreachable = e;
        LOG.debug("catalog unreachable", e);
        return Optional.empty();
      }
      replay = pending.replay(catalog);
      if (!replay.isEmpty()) {
        LOG.info("recorded {} pending backup results, {} refused, {} left", replay.recorded().size(),
            replay.rejected().size(), replay.remaining().size());
      }
      interrupted.addAll(failInterrupted(catalog));
      for (java.util.function.Consumer<Catalog> step : onOpen) {
        try {
          step.accept(catalog);
        } catch (CatalogException e) {
          LOG.warn("after opening the catalog: {}", e.getMessage());
        }
      }
    }
    return Optional.ofNullable(catalog);
  }

  /**
   * Records as ended the runs this host's gone processes left RUNNING (a killed agent, a crashed
   * {@code backup run}), so they do not stay RUNNING for ever and a scheduled restore they held can
   * be planned again. Each one is reported: it may have left a lock or a half-restored database.
   */
  private static List<InterruptedRun> failInterrupted(Catalog catalog) {
    try {
      List<InterruptedRun> runs = catalog.interruptedRuns().fail(Runner.current().host(), Runner::isAlive);
      runs.forEach(run -> LOG.info("{}", run));
      return runs;
    } catch (CatalogException e) {
      LOG.warn("could not look for runs left RUNNING by gone processes: {}", e.getMessage());
      return List.of();
    }
  }

  /** Work to do each time the catalog is opened (ending the jobs of agents that stopped answering). */
  public void onOpen(java.util.function.Consumer<Catalog> step) {
    onOpen.add(step);
  }

  /**
   * For a process that outlives a catalog outage (the agent): when the catalog was found unreachable,
   * tries it again, and if it answers, uses it from now on and records the results that waited in
   * pending files. Returns whether the catalog is reachable now.
   */
  public boolean recover() {
    Catalog open;
    synchronized (this) {
      if (unreachable == null) {
        return true;
      }
      open = catalog;
    }
    try {
      if (open != null) {
        open.ping();
      }
    } catch (CatalogException e) {
      return false;
    }
    synchronized (this) {
      unreachable = null;
      if (catalog != null) {
        replay = pending.replay(catalog);
        if (!replay.isEmpty()) {
          LOG.info("the catalog is back: recorded {} pending backup results, {} refused, {} left",
              replay.recorded().size(), replay.rejected().size(), replay.remaining().size());
        }
      }
    }
    return reachable().isPresent();
  }

  /** The runs found left RUNNING by gone processes since the last call, for the user to hear of once. */
  public synchronized List<InterruptedRun> takeInterrupted() {
    List<InterruptedRun> taken = List.copyOf(interrupted);
    interrupted.clear();
    return taken;
  }

  /** The catalog; an {@link EngineException} naming it and why when it cannot be reached. */
  public Catalog required() {
    return reachable().orElseThrow(() -> new EngineException(unreachableReason(), unreachable));
  }

  /** Why the catalog cannot be reached, in one line. */
  public synchronized String unreachableReason() {
    return unreachable == null ? "" : "the catalog is unreachable: " + unreachable.getMessage();
  }

  /** Remembers that the catalog failed mid-way, so later steps go straight to the pending file. */
  public synchronized void markUnreachable(CatalogException failure) {
    unreachable = failure;
  }

  /** Whether the catalog failed in this process. */
  public synchronized boolean isUnreachable() {
    return unreachable != null;
  }

  /** What the replay of pending results did when the catalog was opened; empty before that. */
  public synchronized Optional<PendingResults.Replay> replay() {
    return Optional.ofNullable(replay);
  }

  public CatalogSettings settings() {
    return settings;
  }

  @Override
  public synchronized void close() {
    if (catalog != null) {
      catalog.close();
      catalog = null;
    }
  }
}
