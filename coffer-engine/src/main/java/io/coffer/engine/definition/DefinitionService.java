package io.coffer.engine.definition;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.UnknownReferenceException;
import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.node.Node;
import io.coffer.catalog.oneoff.NewOneoff;
import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.Refusals;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.backup.FilesSettings;
import io.coffer.engine.node.Drivers;
import io.coffer.engine.node.NodeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.coffer.model.Engine;
import java.util.List;

/**
 * Lists, adds, changes and removes definitions and one-offs. What the catalog cannot know is checked here
 * before it stores anything, so that a refused one changes nothing: that the node's driver can make
 * backups of the kind asked for (a definition that could never run is refused when added, not on
 * every run), the extra parameters against the node's engine ({@link ExtraParameterCheck}), and a
 * FILES definition's quiesce method with its settings (stored in canonical form). A definition of a
 * filesystem node is FILES unless it names a kind: the node has nothing else.
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
    String node = existingNode(catalog, spec.node());
    if (node != null) { // without one the catalog refuses, naming the field, and records it
      Engine engine = engine(catalog, node);
      spec.kind(drivers.requireKind(engine, spec.kind(catalog.config().nodeDefaults(node), engine)));
      ExtraParameterCheck.given(engine.toString(), spec.extraParameters(catalog.config().nodeDefaults(node)));
    }
    if (!spec.files().quiesce().isEmpty()) {
      spec.files(spec.files().withQuiesce(FilesSettings.quiesce(spec.files().quiesce()).toString()));
    }
    return catalog.definitions().add(spec);
  }

  /** A definition just added, and what its node said of its databases (null when it names none). */
  public record Added(Definition definition, DatabaseCheck check) {}

  /**
   * Adds a definition as {@code definition add}, the console and the API do: its databases are
   * checked on the node first ({@link #checkDatabases}), so a name the node does not have is refused
   * and nothing is stored; then {@link #add}. The check comes back for the interface to show (what
   * patterns match now, or why the node could not be asked).
   */
  public Added addChecked(NewDefinition spec) {
    // The catalog records the refusals of its own add; a refusal of the check is recorded here, so
    // that it is in the history whichever interface asked.
    return Refusals.recorded(link.required(), "definition add", "node " + spec.node(),
        "databases " + spec.databases(), () -> {
          DatabaseCheck check = spec.databases() == null ? null : checkDatabases(spec.node(), spec.databases());
          return new Added(add(spec), check);
        });
  }

  /**
   * Asks the node which of {@code selector}'s databases it has, for a definition about to be added:
   * a named database it does not have is refused ({@link DatabaseCheck#of}); a node that is DOWN or
   * does not answer is not a refusal (it may be down for maintenance), and the result says why it
   * was not asked. Patterns show what they match now.
   */
  public DatabaseCheck checkDatabases(String nodeReference, DatabaseSelector selector) {
    Catalog catalog = link.required();
    String name = existingNode(catalog, nodeReference);
    if (name == null || engine(catalog, name) == Engine.FILESYSTEM) {
      // No node: the add refuses it, naming the field. A filesystem node has no databases to ask about.
      return new DatabaseCheck(nodeReference, true, "", List.of(), List.of());
    }
    Node node = catalog.nodes().show(name);
    if (node.isDown()) {
      return DatabaseCheck.unreachable(node.name(), "node " + node.name() + " is DOWN");
    }
    NodeInfo info = NodeInfo.of(node);
    List<String> existing;
    try {
      existing = drivers.driver(info).databases(drivers.sourceNode(info));
    } catch (IOException e) {
      return DatabaseCheck.unreachable(node.name(), e.getMessage());
    }
    return DatabaseCheck.of(node.name(), selector, existing, database -> node.engine() == Engine.SQLITE
        && node.dataDirectory() != null && Files.isRegularFile(Path.of(node.dataDirectory()).resolve(database)));
  }

  public Definition update(long id, DefinitionUpdate update) {
    Catalog catalog = link.required();
    if (update.kind().isPresent() || update.extraParameters().isPresent()) {
      Engine engine = engine(catalog, catalog.definitions().show(id).node());
      if (update.kind().isPresent()) {
        drivers.requireKind(engine, update.kind().get());
      }
      if (update.extraParameters().isPresent()) {
        ExtraParameterCheck.given(engine.toString(), update.extraParameters().get());
      }
    }
    update.quiesce().filter(q -> !q.isEmpty())
        .ifPresent(q -> update.quiesce(FilesSettings.quiesce(q).toString()));
    return catalog.definitions().update(id, update);
  }

  public Oneoff addOneoff(NewOneoff spec) {
    Catalog catalog = link.required();
    String node = existingNode(catalog, spec.node());
    if (node != null) {
      Engine engine = engine(catalog, node);
      drivers.requireKind(engine, spec.kind(catalog.config().nodeDefaults(node)));
      String given = spec.extraParameters();
      ExtraParameterCheck.given(engine.toString(),
          given != null ? given : catalog.config().nodeDefaults(node).extraParameters());
    }
    return catalog.oneoffs().add(spec);
  }

  public List<Definition> list(DefinitionFilter filter) {
    return link.required().definitions().list(filter);
  }

  /** Hands the definitions {@code ids} to {@code agent}, all or none. */
  public List<Definition> move(List<Long> ids, String agent) {
    return link.required().definitions().move(ids, agent);
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

  /**
   * The name of the node a new definition or one-off names, or null when it names none or one that
   * does not exist: the catalog's own add refuses those, records the refusal in the history under the
   * definition's subject and says which command registers the node.
   */
  private static String existingNode(Catalog catalog, String reference) {
    if (reference == null) {
      return null;
    }
    try {
      return catalog.nodes().show(reference).name();
    } catch (UnknownReferenceException e) {
      return null;
    }
  }

  private static Engine engine(Catalog catalog, String node) {
    return catalog.nodes().show(node).engine();
  }
}
