package io.coffer.engine.backup;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.backup.Kind;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.LevelPlan;
import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.volume.Volume;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import io.coffer.engine.definition.ExtraParameterCheck;
import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.offline.CachedDefinition;
import io.coffer.engine.offline.LocalCache;
import io.coffer.engine.volume.VolumeInfo;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link BackupOrder} into a {@link BackupPlan}: finds the node, volume and definition in
 * the catalog (refreshing the local cache) or, when the catalog is unreachable, in the cache; fills
 * in kind, level and parent; refuses a node that is DOWN.
 */
final class PlanResolver {

  private final CatalogLink link;
  private final LocalCache cache;
  private final String agent;
  private final Optional<String> defaultVolume;

  PlanResolver(CatalogLink link, LocalCache cache, String agent, Optional<String> defaultVolume) {
    this.link = link;
    this.cache = cache;
    this.agent = agent;
    this.defaultVolume = defaultVolume;
  }

  BackupPlan plan(BackupOrder order) {
    Optional<Catalog> catalog = link.reachable();
    if (catalog.isPresent()) {
      try {
        return online(catalog.get(), order);
      } catch (CatalogValidationException e) {
        throw e;
      } catch (CatalogException e) {
        link.markUnreachable(e);
      }
    }
    return offline(order);
  }

  private BackupPlan online(Catalog catalog, BackupOrder order) {
    if (order.oneoffId().isPresent()) {
      return oneoff(catalog, catalog.oneoffs().show(order.oneoffId().get()));
    }
    Definition definition = order.definitionId().map(id -> catalog.definitions().show(id)).orElse(null);
    if (definition != null) {
      cache.put(CachedDefinition.of(definition));
    }
    NodeInfo node = NodeInfo.of(catalog.nodes().show(definition != null ? definition.node() : order.node()));
    cache.put(node);
    refuseDown(node);
    VolumeInfo volume = VolumeInfo.of(volume(catalog, order, definition));
    cache.put(volume);
    DatabaseSelector databases = definition != null ? definition.databases() : DatabaseSelector.parse(order.databases());
    Kind kind = order.kind().orElseGet(() -> definition != null ? definition.kind()
        : catalog.config().nodeDefaults(node.name()).kind());
    int level = order.level().orElseGet(() -> definition == null ? 0 : nextLevel(catalog, definition));
    checkLevel(level);
    Long parent = level == 0 ? null : parent(catalog, node, definition, databases, kind, level);
    Expire expire = order.expire().orElse(definition == null ? null : definition.expire().orElse(null));
    String registeredAgent = catalog.agents().list().stream().anyMatch(a -> a.name().equals(agent)) ? agent : null;
    List<String> extra = definition == null ? List.of()
        : ExtraParameterCheck.stored(node, definition.extraParameters(), "definition " + definition.id());
    return new BackupPlan(node, volume, databases, kind, level, parent, definition == null ? null : definition.id(),
        null, expire, registeredAgent, false, extra);
  }

  /** A one-off backs up what it names, at level 0, on behalf of its agent. */
  private BackupPlan oneoff(Catalog catalog, Oneoff oneoff) {
    NodeInfo node = NodeInfo.of(catalog.nodes().show(oneoff.node()));
    cache.put(node);
    refuseDown(node);
    VolumeInfo volume = VolumeInfo.of(catalog.volumes().show(oneoff.volume()));
    cache.put(volume);
    return new BackupPlan(node, volume, oneoff.databases(), oneoff.kind(), 0, null, null, oneoff.id(),
        oneoff.expire().orElse(null), oneoff.agent(), false,
        ExtraParameterCheck.stored(node, oneoff.extraParameters(), "one-off " + oneoff.id()));
  }

  private BackupPlan offline(BackupOrder order) {
    if (order.oneoffId().isPresent()) {
      throw new EngineException(link.unreachableReason() + "; one-off " + order.oneoffId().get()
          + " runs when the catalog is back");
    }
    String reason = link.unreachableReason();
    CachedDefinition definition = order.definitionId()
        .map(id -> cache.definition(id).orElseThrow(() -> notCached("definition " + id, reason)))
        .orElse(null);
    String nodeName = definition != null ? definition.node() : order.node();
    NodeInfo node = cache.node(nodeName).orElseThrow(() -> notCached("node " + nodeName, reason));
    refuseDown(node);
    String volumeName = order.volume().or(() -> Optional.ofNullable(definition).map(CachedDefinition::volume))
        .or(() -> defaultVolume)
        .orElseThrow(() -> new EngineException(reason + "; name the volume (--volume), it cannot be looked up"));
    VolumeInfo volume = cache.volume(volumeName).orElseThrow(() -> notCached("volume " + volumeName, reason));
    DatabaseSelector databases = DatabaseSelector.parse(definition != null ? definition.databases() : order.databases());
    Kind kind = order.kind().orElse(definition != null ? Kind.valueOf(definition.kind()) : Kind.FULL);
    int level = order.level().orElse(0);
    checkLevel(level);
    Expire expire = order.expire()
        .orElse(definition == null || definition.expire() == null ? null : Expire.parse(definition.expire()));
    List<String> extra = definition == null ? List.of()
        : ExtraParameterCheck.stored(node, definition.extraParameters(), "definition " + definition.id());
    return new BackupPlan(node, volume, databases, kind, level, null, definition == null ? null : definition.id(),
        null, expire, null, true, extra);
  }

  private Volume volume(Catalog catalog, BackupOrder order, Definition definition) {
    if (order.volume().isPresent()) {
      return catalog.volumes().show(order.volume().get());
    }
    if (definition != null) {
      return catalog.volumes().show(definition.volume());
    }
    if (defaultVolume.isPresent()) {
      return catalog.volumes().show(defaultVolume.get());
    }
    List<Volume> volumes = catalog.volumes().list();
    if (volumes.size() == 1) {
      return volumes.get(0);
    }
    throw new CatalogValidationException("volume", null, volumes.isEmpty()
        ? "a registered volume; none is registered yet (coffer volume add NAME LOCATION)"
        : "one of " + String.join(", ", volumes.stream().map(Volume::name).toList()) + " (--volume), or set volume.default");
  }

  private static int nextLevel(Catalog catalog, Definition definition) {
    LevelPlan levels = definition.levels();
    if (levels.levels().size() == 1) {
      return levels.levelOfRun(0);
    }
    int succeeded = catalog.backups().list(new BackupFilter(null, null, definition.id(), BackupStatus.SUCCEEDED, null,
        BackupFilter.MAX_LIMIT)).size();
    return levels.levelOfRun(succeeded);
  }

  private static Long parent(Catalog catalog, NodeInfo node, Definition definition, DatabaseSelector databases,
      Kind kind, int level) {
    Optional<Backup> parent = definition != null
        ? catalog.backups().parentFor(definition.id(), level)
        : catalog.backups().list(BackupFilter.newest().node(node.name()).status(BackupStatus.SUCCEEDED)).stream()
            .filter(b -> b.level() < level && b.kind() == kind && b.definitionId() == null)
            .filter(b -> sameDatabases(b, databases))
            .findFirst();
    return parent.map(Backup::id).orElseThrow(() -> new CatalogValidationException("level", level,
        "no SUCCEEDED backup of a lower level of " + (definition != null ? "definition " + definition.id()
            : "node " + node.name() + " databases " + databases) + " to build on",
        "0, or a level above an existing backup's"));
  }

  private static boolean sameDatabases(Backup backup, DatabaseSelector databases) {
    return databases.isSingleDatabase() ? backup.databases().equals(List.of(databases.toString()))
        : backup.databases().stream().allMatch(databases::matches);
  }

  private static void checkLevel(int level) {
    if (level < 0 || level > 9) {
      throw new CatalogValidationException("level", level, "0 (full) to 9");
    }
  }

  private static void refuseDown(NodeInfo node) {
    if (node.isDown()) {
      throw new CatalogValidationException("node", node.name(), "node " + node.name() + " is DOWN, which refuses backups",
          "a RUNNING node; set it with: coffer node update " + node.name() + " --status RUNNING");
    }
  }

  private static EngineException notCached(String what, String reason) {
    return new EngineException(reason + "; " + what + " is not in the local cache either, so the backup cannot run");
  }
}
