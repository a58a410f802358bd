package io.coffer.engine.restore;

import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.engine.CatalogLink;
import java.util.List;

/**
 * The restores the catalog records, and the scheduled restores (restore definitions) that wait for
 * their agent: what {@code restore list|show|scheduled|add|remove} and the API read and change.
 * Carrying a restore out is {@link RestoreService}'s; running the due ones, {@link DueRestores}'.
 */
public final class RestoreRecords {

  private final CatalogLink link;

  public RestoreRecords(CatalogLink link) {
    this.link = link;
  }

  /** The newest {@code limit} restores, newest first. */
  public List<Restore> list(int limit) {
    return link.required().restores().list(limit);
  }

  public Restore show(long id) {
    return link.required().restores().show(id);
  }

  /** Schedules a restore for its agent to carry out at its time. */
  public RestoreDefinition schedule(NewRestoreDefinition spec) {
    return link.required().restoreDefinitions().add(spec);
  }

  public List<RestoreDefinition> scheduled() {
    return link.required().restoreDefinitions().list();
  }

  public RestoreDefinition scheduled(long id) {
    return link.required().restoreDefinitions().show(id);
  }

  /** Removes a scheduled restore. */
  public void unschedule(long id) {
    link.required().restoreDefinitions().remove(id);
  }
}
