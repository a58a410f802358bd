package io.coffer.engine.definition;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.oneoff.NewOneoff;
import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.backup.BackupService;

/**
 * Adds, changes and removes definitions and one-offs. What the catalog cannot judge is checked
 * here first: extra parameters against the node's engine ({@link ExtraParameterCheck}), so that a
 * refused one changes nothing. Without force a definition or one-off with backups is not removed
 * (the catalog names them); with force its backups leave the catalog and their manifests are
 * forgotten in the volumes, whose data goes at the next prune.
 */
public final class DefinitionService {

  private final CatalogLink link;
  private final BackupService backups;

  public DefinitionService(CatalogLink link, BackupService backups) {
    this.link = link;
    this.backups = backups;
  }

  public Definition add(NewDefinition spec) {
    Catalog catalog = link.required();
    String node = catalog.nodes().show(spec.node()).name();
    ExtraParameterCheck.given(engineOf(catalog, node), spec.extraParameters(catalog.config().nodeDefaults(node)));
    return catalog.definitions().add(spec);
  }

  public Definition update(long id, DefinitionUpdate update) {
    Catalog catalog = link.required();
    if (update.extraParameters().isPresent()) {
      ExtraParameterCheck.given(engineOf(catalog, catalog.definitions().show(id).node()),
          update.extraParameters().get());
    }
    return catalog.definitions().update(id, update);
  }

  public Oneoff addOneoff(NewOneoff spec) {
    Catalog catalog = link.required();
    String node = catalog.nodes().show(spec.node()).name();
    String given = spec.extraParameters();
    ExtraParameterCheck.given(engineOf(catalog, node),
        given != null ? given : catalog.config().nodeDefaults(node).extraParameters());
    return catalog.oneoffs().add(spec);
  }

  public BackupService.Deletion remove(long id, boolean force) {
    Removal removal = link.required().definitions().remove(id, force);
    return backups.forget(removal);
  }

  public BackupService.Deletion removeOneoff(long id, boolean force) {
    Removal removal = link.required().oneoffs().remove(id, force);
    return backups.forget(removal);
  }

  private static String engineOf(Catalog catalog, String node) {
    return catalog.nodes().show(node).engine().toString();
  }
}
