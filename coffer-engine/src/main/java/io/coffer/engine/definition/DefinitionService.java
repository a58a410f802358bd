package io.coffer.engine.definition;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.node.Engine;
import io.coffer.catalog.oneoff.NewOneoff;
import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.node.Drivers;

/**
 * Adds, changes and removes definitions and one-offs. What the catalog cannot know is checked here
 * before it stores anything: that the node's driver can make backups of the kind asked for (a
 * definition that could never run is refused when added, not on every run).
 *
 * <p>Without force a definition or one-off with backups is not removed (the catalog names them);
 * with force its backups leave the catalog and their manifests are forgotten in the volumes, whose
 * data goes at the next prune.
 */
public final class DefinitionService {

  private final CatalogLink link;
  private final BackupService backups;
  private final Drivers drivers;

  public DefinitionService(CatalogLink link, BackupService backups, Drivers drivers) {
    this.link = link;
    this.backups = backups;
    this.drivers = drivers;
  }

  public Definition add(NewDefinition spec) {
    Catalog catalog = link.required();
    if (spec.node() != null) { // without one the catalog refuses, naming the field
      drivers.requireKind(engine(catalog, spec.node()), spec.kind(catalog.config().nodeDefaults(spec.node())));
    }
    return catalog.definitions().add(spec);
  }

  public Definition update(long id, DefinitionUpdate update) {
    Catalog catalog = link.required();
    if (update.kind().isPresent()) {
      drivers.requireKind(engine(catalog, catalog.definitions().show(id).node()), update.kind().get());
    }
    return catalog.definitions().update(id, update);
  }

  public Oneoff addOneoff(NewOneoff spec) {
    Catalog catalog = link.required();
    if (spec.node() != null) {
      drivers.requireKind(engine(catalog, spec.node()), spec.kind(catalog.config().nodeDefaults(spec.node())));
    }
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

  private static Engine engine(Catalog catalog, String node) {
    return catalog.nodes().show(node).engine();
  }
}
