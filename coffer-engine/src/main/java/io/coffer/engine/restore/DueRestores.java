package io.coffer.engine.restore;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import io.coffer.engine.run.RunControl;
import io.coffer.model.RolePolicy;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out the restore definitions of this agent whose time has come, one after the other,
 * each through {@link RestoreService} exactly as {@code restore run} with the same options would.
 * Each definition is taken first (so two processes of the agent never run the same one) and then
 * marked DONE, or FAILED with the reason; one failing does not stop the others.
 */
public final class DueRestores {

  private final CatalogLink link;
  private final RestoreService restores;
  private final String agent;

  public DueRestores(CatalogLink link, RestoreService restores, String agent) {
    this.link = link;
    this.restores = restores;
    this.agent = agent;
  }

  /** What became of one due definition: DONE with its restore record, or FAILED with the reason. */
  public record Result(RestoreDefinition definition, Optional<Restore> restore) {
    public boolean succeeded() {
      return definition.status() == RunOnceStatus.DONE;
    }
  }

  public List<Result> run(Instant now, SourceListener listener, ProgressListener progress) {
    Catalog catalog = link.required();
    List<Result> results = new ArrayList<>();
    for (RestoreDefinition due : catalog.restoreDefinitions().due(agent, now)) {
      if (catalog.restoreDefinitions().take(due.id())) {
        results.add(carryOut(catalog, due, listener, progress));
      }
    }
    return results;
  }

  /**
   * Carries out one scheduled restore that a job of this agent claimed, under the job's control;
   * empty when another process took it first (it runs once).
   */
  public Optional<Result> runOne(long id, SourceListener listener, ProgressListener progress, RunControl control) {
    Catalog catalog = link.required();
    if (!catalog.restoreDefinitions().take(id)) {
      return Optional.empty();
    }
    return Optional.of(carryOut(catalog, catalog.restoreDefinitions().show(id), listener, progress, control));
  }

  private Result carryOut(Catalog catalog, RestoreDefinition due, SourceListener listener, ProgressListener progress) {
    return carryOut(catalog, due, listener, progress, RunControl.NONE);
  }

  private Result carryOut(Catalog catalog, RestoreDefinition due, SourceListener listener, ProgressListener progress,
      RunControl control) {
    try {
      RestoreOutcome outcome = restores.run(order(due), listener, progress, control);
      return new Result(catalog.restoreDefinitions().finish(due.id(), RunOnceStatus.DONE, ""), outcome.recorded());
    } catch (RuntimeException e) {
      // Whatever the reason, the definition must not stay taken and WAITING for ever.
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Result(catalog.restoreDefinitions().finish(due.id(), RunOnceStatus.FAILED, reason), Optional.empty());
    }
  }

  /** The order {@code restore run} would give for the same options. */
  static RestoreOrder order(RestoreDefinition definition) {
    RestoreOrder order = RestoreOrder.of(definition.backupId(), definition.targetNode())
        .targetDatabase(definition.targetDatabase()).jobs(definition.jobs()).restoreDefinition(definition.id())
        .files(definition.files());
    if (definition.timestamped()) {
      order.timestamped();
    }
    if (definition.keepFailed()) {
      order.keepFailed();
    }
    switch (definition.existing()) {
      case RENAME -> order.renameExisting();
      case DROP -> order.dropExisting();
      case REFUSE -> { }
    }
    if (definition.roles() == RolePolicy.FAIL_ON_EXISTING) {
      order.failOnExistingRoles();
    } else if (definition.roles() == RolePolicy.SKIP) {
      throw new EngineException("restore definition " + definition.id() + " asks to skip roles, which the drivers"
          + " cannot do: they reuse existing roles or refuse");
    }
    return order;
  }
}
