package io.coffer.engine.offline;

import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.volume.VolumeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes, volumes and definitions the engine last read from the catalog, one small JSON file
 * each (and one per agent of all its definitions need, see {@link AgentCache}) under {@code $COFFER_HOME/cache} (PgBackMan caches connection data on each backup server the
 * same way). Only references are cached, never a secret. Failing to write the cache never fails the
 * work that read the catalog.
 */
public final class LocalCache {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCache.class);

  private final Path directory;

  public LocalCache(Path directory) {
    this.directory = directory;
  }

  public void put(NodeInfo node) {
    write(file("nodes", node.name()), node);
    write(file("nodes", "by-id-" + node.id()), node);
  }

  public void put(VolumeInfo volume) {
    write(file("volumes", volume.name()), volume);
  }

  public void put(CachedDefinition definition) {
    write(file("definitions", Long.toString(definition.id())), definition);
  }

  /** The schedule of an agent's definitions, for it to go on running them while the catalog is away. */
  public void putSchedule(String agent, java.util.List<CachedSchedule> definitions) {
    write(file("schedules", agent), new Schedules(definitions));
  }

  /** The agent's schedule as last read from the catalog; empty when none was cached. */
  public java.util.List<CachedSchedule> schedule(String agent) {
    return read(file("schedules", agent), Schedules.class).map(Schedules::definitions).orElse(java.util.List.of());
  }

  /**
   * Everything an agent's definitions need offline, in one file; lookups fall back to it when no
   * single file of the item was written (single files come from runs started by hand).
   */
  public void putAgent(String agent, AgentCache contents) {
    write(file("agents", agent), contents);
  }

  private java.util.stream.Stream<AgentCache> agents() {
    Path agents = directory.resolve("agents");
    if (!Files.isDirectory(agents)) {
      return java.util.stream.Stream.empty();
    }
    try (java.util.stream.Stream<Path> files = Files.list(agents)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList().stream()
          .map(f -> read(f, AgentCache.class)).flatMap(Optional::stream);
    } catch (IOException e) {
      LOG.warn("cannot list the local cache {}: {}", agents, e.getMessage());
      return java.util.stream.Stream.empty();
    }
  }

  /** The JSON shape of a cached schedule. */
  record Schedules(java.util.List<CachedSchedule> definitions) {}

  /** The node last read under this name or id. */
  public Optional<NodeInfo> node(String reference) {
    Optional<NodeInfo> byName = read(file("nodes", reference), NodeInfo.class);
    Optional<NodeInfo> single = byName.isPresent() ? byName : read(file("nodes", "by-id-" + reference), NodeInfo.class);
    return single.isPresent() ? single : agents().flatMap(a -> a.node(reference).stream()).findFirst();
  }

  public Optional<VolumeInfo> volume(String name) {
    Optional<VolumeInfo> single = read(file("volumes", name), VolumeInfo.class);
    return single.isPresent() ? single : agents().flatMap(a -> a.volume(name).stream()).findFirst();
  }

  public Optional<CachedDefinition> definition(long id) {
    Optional<CachedDefinition> single = read(file("definitions", Long.toString(id)), CachedDefinition.class);
    return single.isPresent() ? single : agents().flatMap(a -> a.definition(id).stream()).findFirst();
  }

  private Path file(String kind, String name) {
    // Names of nodes and volumes are restricted by the catalog to letters, digits, '.', '_' and
    // '-', never all dots; refuse anything else rather than write outside the cache.
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      return directory.resolve(kind).resolve("invalid");
    }
    return directory.resolve(kind).resolve(name + ".json");
  }

  private static void write(Path file, Object value) {
    try {
      JsonFiles.write(file, value);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot update the local cache {}: {}", file, e.getMessage());
    }
  }

  private static <T> Optional<T> read(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonFiles.read(file, type));
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring the unreadable cache file {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }
}
