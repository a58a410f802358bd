package io.coffer.engine.definition;

import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.backup.FilesSettings;

/**
 * Adds and changes definitions, checking what only the engine can (a FILES definition's quiesce
 * method and its settings, stored in canonical form). Removes definitions and one-offs. Without force one with backups is refused (the catalog names
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

  public Definition add(NewDefinition spec) {
    if (!spec.files().quiesce().isEmpty()) {
      spec.files(spec.files().withQuiesce(FilesSettings.quiesce(spec.files().quiesce()).toString()));
    }
    return link.required().definitions().add(spec);
  }

  public Definition update(long id, DefinitionUpdate update) {
    update.quiesce().filter(q -> !q.isEmpty())
        .ifPresent(q -> update.quiesce(FilesSettings.quiesce(q).toString()));
    return link.required().definitions().update(id, update);
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
