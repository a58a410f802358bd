package io.coffer.engine.definition;

import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.backup.BackupService;
import java.util.List;

/**
 * Definitions and one-offs: lists them and removes them. Without force one with backups is refused (the catalog names
 * them); with force its backups leave the catalog and their manifests are forgotten in the volumes,
 * whose data goes at the next prune.
 */
public final class DefinitionService {

  private final CatalogLink link;
  private final BackupService backups;

  public DefinitionService(CatalogLink link, BackupService backups) {
    this.link = link;
    this.backups = backups;
  }

  public List<Definition> list(DefinitionFilter filter) {
    return link.required().definitions().list(filter);
  }

  public Definition show(long id) {
    return link.required().definitions().show(id);
  }

  public List<Oneoff> oneoffs() {
    return link.required().oneoffs().list();
  }

  public Oneoff oneoff(long id) {
    return link.required().oneoffs().show(id);
  }

  public BackupService.Deletion remove(long id, boolean force) {
    Removal removal = link.required().definitions().remove(id, force);
    return backups.forget(removal);
  }

  public BackupService.Deletion removeOneoff(long id, boolean force) {
    Removal removal = link.required().oneoffs().remove(id, force);
    return backups.forget(removal);
  }
}
