package io.coffer.engine.restore;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.catalog.restore.TablespaceMap;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.backup.BackupService;
import java.util.List;

/**
 * The restores the catalog records, and the scheduled restores (restore definitions) that wait for
 * their agent: what {@code restore list|show|scheduled|add|remove} and the API read and change.
 * Carrying a restore out is {@link RestoreService}'s; running the due ones, {@link DueRestores}'.
 */
public final class RestoreRecords {

  private final CatalogLink link;
  private final BackupService backups;

  public RestoreRecords(CatalogLink link, BackupService backups) {
    this.link = link;
    this.backups = backups;
  }

  /** The newest {@code limit} restores, newest first. */
  public List<Restore> list(int limit) {
    return link.required().restores().list(limit);
  }

  public Restore show(long id) {
    return link.required().restores().show(id);
  }

  /**
   * Schedules a restore for its agent to carry out at its time. A tablespace map is checked against
   * the backup's report as the catalog keeps it (a PHYSICAL backup, tablespaces it holds) now, not
   * first when the agent runs it; what depends on the agent's host waits for the agent.
   */
  public RestoreDefinition schedule(NewRestoreDefinition spec) {
    Catalog catalog = link.required();
    TablespaceMap map = spec.files().tablespaces();
    if (!map.isEmpty()) {
      Backup backup = catalog.backups().show(spec.backupId());
      spec.files().requireTreeBackup(backup.id(), backup.kind());
      backups.report(backup.id()).ifPresent(report -> LinkedTrees.requireKnown(backup.id(), report, map));
    }
    return catalog.restoreDefinitions().add(spec);
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
