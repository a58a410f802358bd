package io.coffer.engine.backup;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.config.ConfigEntry;
import io.coffer.catalog.config.ConfigKey;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.FilesOptions;
import io.coffer.catalog.definition.LevelPlan;
import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.volume.RegisteredVolume;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import io.coffer.engine.definition.ExtraParameterCheck;
import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.offline.CachedDefinition;
import io.coffer.engine.offline.LocalCache;
import io.coffer.engine.volume.VolumeInfo;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.source.files.ChangePolicy;
import io.coffer.source.quiesce.QuiesceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
      cache.put(CachedDefinition.of(catalog, definition));
    }
    NodeInfo node = NodeInfo.of(catalog.nodes().show(definition != null ? definition.node() : order.node()));
    cache.put(node);
    refuseDown(node);
    VolumeInfo volume = VolumeInfo.of(volume(catalog, order, definition));
    cache.put(volume);
    Kind kind = order.kind().orElseGet(() -> definition != null ? definition.kind()
        : catalog.config().nodeDefaults(node.name()).kind());
    DatabaseSelector databases = definition != null ? definition.databases() : selector(order.databases(), kind);
    FilesSettings files = kind == Kind.FILES ? files(node, Asked.of(order, definition), settings(catalog, node)) : null;
    int level = order.level().orElseGet(() -> definition == null ? 0 : nextLevel(catalog, definition));
    checkLevel(level);
    Long parent = level == 0 ? null : parent(catalog, node, definition, databases, kind, level, volume.name());
    Expire expire = order.expire().orElse(definition == null ? null : definition.expire().orElse(null));
    String registeredAgent = catalog.agents().list().stream().anyMatch(a -> a.name().equals(agent)) ? agent : null;
    List<String> extra = definition == null ? List.of()
        : ExtraParameterCheck.stored(node, definition.extraParameters(), "definition " + definition.id());
    return BackupPlan.of(node, volume, databases, kind).level(level, parent)
        .definition(definition == null ? null : definition.id()).expire(expire).agent(registeredAgent)
        .extraParameters(extra).files(files).build();
  }

  /** A one-off backs up what it names, at level 0, on behalf of its agent. */
  private BackupPlan oneoff(Catalog catalog, Oneoff oneoff) {
    NodeInfo node = NodeInfo.of(catalog.nodes().show(oneoff.node()));
    cache.put(node);
    refuseDown(node);
    VolumeInfo volume = VolumeInfo.of(catalog.volumes().show(oneoff.volume()));
    cache.put(volume);
    FilesSettings files = oneoff.kind() == Kind.FILES ? files(node, Asked.of(BackupOrder.ofOneoff(oneoff.id()), null),
        settings(catalog, node)) : null;
    return BackupPlan.of(node, volume, oneoff.databases(), oneoff.kind()).oneoff(oneoff.id())
        .expire(oneoff.expire().orElse(null)).agent(oneoff.agent())
        .extraParameters(ExtraParameterCheck.stored(node, oneoff.extraParameters(), "one-off " + oneoff.id()))
        .files(files).build();
  }

  /**
   * The volume the local cache says {@code order} goes to, without asking the catalog: named by the
   * order, by its definition as cached, or the configured default. Empty when the cache cannot say.
   */
  Optional<VolumeInfo> cachedVolume(BackupOrder order) {
    if (order.oneoffId().isPresent()) {
      return Optional.empty();
    }
    CachedDefinition definition = order.definitionId().flatMap(cache::definition).orElse(null);
    if (order.definitionId().isPresent() && definition == null) {
      return Optional.empty();
    }
    // Without a name the catalog takes its only volume; the cache's only volume is the same guess
    // (a wrong one costs an opening nobody uses: the run writes to the volume the plan names).
    return cachedVolumeName(order, definition).or(cache::onlyVolume).flatMap(cache::volume);
  }

  /** The local cache's only volume, where a command about a backup most likely finds it. */
  Optional<VolumeInfo> onlyCachedVolume() {
    return cache.onlyVolume().flatMap(cache::volume);
  }

  private Optional<String> cachedVolumeName(BackupOrder order, CachedDefinition definition) {
    return order.volume().or(() -> Optional.ofNullable(definition).map(CachedDefinition::volume))
        .or(() -> defaultVolume);
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
    String volumeName = cachedVolumeName(order, definition)
        .orElseThrow(() -> new EngineException(reason + "; name the volume (--volume), it cannot be looked up"));
    VolumeInfo volume = cache.volume(volumeName).orElseThrow(() -> notCached("volume " + volumeName, reason));
    Kind kind = order.kind().orElse(definition != null ? Kind.valueOf(definition.kind()) : Kind.FULL);
    DatabaseSelector databases = selector(definition != null ? definition.databases() : order.databases(), kind);
    FilesSettings files = kind == Kind.FILES ? files(node, Asked.ofCached(order, definition), Map.of()) : null;
    int level = order.level().orElse(0);
    checkLevel(level);
    Expire expire = order.expire()
        .orElse(definition == null || definition.expire() == null ? null : Expire.parse(definition.expire()));
    List<String> extra = definition == null ? List.of()
        : ExtraParameterCheck.stored(node, definition.extraParameters(), "definition " + definition.id());
    return BackupPlan.of(node, volume, databases, kind).level(level, null)
        .definition(definition == null ? null : definition.id()).expire(expire).offline()
        .extraParameters(extra).files(files).build();
  }

  /**
   * The databases given; a FILES or PHYSICAL backup copies the whole data directory, so it takes
   * none (or {@code #all_databases#}) and is recorded as a backup of the whole node.
   */
  private static DatabaseSelector selector(String given, Kind kind) {
    if (!kind.copiesWholeNode()) {
      if (given == null || given.isBlank()) {
        throw new CatalogValidationException("databases", "", "a " + kind + " backup names the databases it copies",
            "a name, a list a,b, a pattern or " + DatabaseSelector.ALL + "; none only for PHYSICAL and FILES");
      }
      return DatabaseSelector.parse(given);
    }
    DatabaseSelector all = DatabaseSelector.parse(DatabaseSelector.ALL);
    if (given != null && !given.isBlank() && !DatabaseSelector.parse(given).equals(all)) {
      throw new CatalogValidationException("databases", given, "a " + kind + " backup copies the node's whole data directory",
          "none (leave it out) or " + DatabaseSelector.ALL);
    }
    return all;
  }

  /**
   * What the order and its definition ask of a FILES backup (empty: the node's setting): the order's
   * values first, then the definition's own (or, offline, those the cache holds for it).
   */
  private record Asked(Optional<String> quiesce, Optional<String> onChange, boolean forceUnquiesced) {

    static Asked of(BackupOrder order, Definition definition) {
      FilesOptions own = definition == null ? FilesOptions.OF_NODE : definition.files();
      return new Asked(order.quiesce().or(() -> given(own.quiesce())), order.onChange().or(() -> given(own.onChange())),
          order.isForceUnquiesced() || own.forceUnquiesced());
    }

    static Asked ofCached(BackupOrder order, CachedDefinition definition) {
      if (definition == null) {
        return of(order, null);
      }
      return new Asked(order.quiesce().or(() -> given(definition.quiesce())),
          order.onChange().or(() -> given(definition.onChange())),
          order.isForceUnquiesced() || definition.forceUnquiesced());
    }

    private static Optional<String> given(String value) {
      return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
  }

  /** The node's own settings and the defaults, by key. */
  private static Map<String, String> settings(Catalog catalog, NodeInfo node) {
    return catalog.config().forNode(node.name()).stream().collect(Collectors.toMap(ConfigEntry::key, ConfigEntry::value));
  }

  /**
   * How a FILES backup of {@code node} copies its data directory: the order's quiesce and change
   * policy, else the node's settings. Refused here, before anything is recorded: a node without a
   * data directory, and {@code none} on a database unless the order forces it.
   */
  private FilesSettings files(NodeInfo node, Asked order, Map<String, String> nodeSettings) {
    String directory = node.dataDirectory() == null ? "" : node.dataDirectory();
    if (directory.isBlank() || !Path.of(directory).isAbsolute()) {
      throw new CatalogValidationException("data-directory", directory, "node " + node.name()
          + " has no data directory, which a FILES backup copies",
          "an absolute path; set it with: coffer node update " + node.name() + " --data-directory DIR");
    }
    if (!Files.isDirectory(Path.of(directory))) {
      throw new CatalogValidationException("data-directory", directory, "the data directory of node " + node.name()
          + " does not exist on this host (" + agent + ")", "an existing directory; FILES backups run where it is");
    }
    String line = order.quiesce().orElse(nodeSettings.get(ConfigKey.QUIESCE.key()));
    if (line == null) {
      throw new EngineException(link.unreachableReason() + "; the quiesce method of node " + node.name()
          + " cannot be looked up: name it (--quiesce)");
    }
    QuiesceSpec quiesce = FilesSettings.quiesce(line);
    ChangePolicy onChange = FilesSettings.onChange(order.onChange()
        .orElse(nodeSettings.getOrDefault(ConfigKey.ON_CHANGE.key(), "warn")));
    if (quiesce.equals(QuiesceSpec.NONE) && node.engineType() != Engine.FILESYSTEM && !order.forceUnquiesced()) {
      throw new CatalogValidationException("quiesce", "none", "node " + node.name() + " is a " + node.engine()
          + " database, and copying the files of a running database gives a copy that may not open",
          "stop-start, pre-post, btrfs, lvm or zfs (--quiesce, or the node's setting: coffer node update "
              + node.name() + " --set quiesce=…), or --force-unquiesced when the database is surely not running");
    }
    return new FilesSettings(quiesce, onChange, order.forceUnquiesced());
  }

  private RegisteredVolume volume(Catalog catalog, BackupOrder order, Definition definition) {
    if (order.volume().isPresent()) {
      return catalog.volumes().show(order.volume().get());
    }
    if (definition != null) {
      return catalog.volumes().show(definition.volume());
    }
    if (defaultVolume.isPresent()) {
      return catalog.volumes().show(defaultVolume.get());
    }
    List<RegisteredVolume> volumes = catalog.volumes().list();
    if (volumes.size() == 1) {
      return volumes.get(0);
    }
    throw new CatalogValidationException("volume", null, volumes.isEmpty()
        ? "a registered volume; none is registered yet (coffer volume add NAME LOCATION)"
        : "one of " + String.join(", ", volumes.stream().map(RegisteredVolume::name).toList()) + " (--volume), or set volume.default");
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

  /**
   * The backup a level builds on: a definition's newest of a lower level, or for a backup run by hand
   * the node's newest of a lower level of the same kind and databases, taken from the volume the new
   * one goes to where that volume has one. Only from the same volume can a level take unchanged
   * files unread and store changes against the parent's chunks; a parent in another volume makes a
   * full copy (and its log says so), which a run by hand into a second volume got although the
   * volume held a parent of its own (a level 1 of 200 MB where 6 MB were new).
   */
  private static Long parent(Catalog catalog, NodeInfo node, Definition definition, DatabaseSelector databases,
      Kind kind, int level, String volume) {
    Optional<Backup> parent;
    if (definition != null) {
      parent = catalog.backups().parentFor(definition.id(), level);
    } else {
      List<Backup> lower = catalog.backups().list(BackupFilter.newest().node(node.name()).status(BackupStatus.SUCCEEDED))
          .stream()
          .filter(b -> b.level() < level && b.kind() == kind && b.definitionId() == null)
          .filter(b -> sameDatabases(b, databases))
          .toList();
      parent = lower.stream().filter(b -> volume.equals(b.volume())).findFirst().or(() -> lower.stream().findFirst());
    }
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
