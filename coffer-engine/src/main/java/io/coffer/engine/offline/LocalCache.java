package io.coffer.engine.offline;

import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.volume.VolumeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
  /**
   * The agents' files as this process last read or wrote them, by path: an agent's file of ten
   * thousand definitions is parsed once, not at every lookup that falls back to it.
   */
  private final Map<Path, Loaded> agentFiles = new ConcurrentHashMap<>();

  /** An agent's file and the attributes it had: a file replaced since (a new inode, time or size) is read again. */
  private record Loaded(Object fileKey, FileTime modified, long size, AgentCache contents) {
    boolean isOf(BasicFileAttributes file) {
      return java.util.Objects.equals(fileKey, file.fileKey()) && modified.equals(file.lastModifiedTime())
          && size == file.size();
    }
  }

  public LocalCache(Path directory) {
    this.directory = directory;
  }

  /*
   * Every run puts its definition, node and volume here, and each file is synced: four fsyncs per
   * run, which made 200 runs of an agent at one minute wait on the disk. A value an agent's file
   * already holds is not written again as a single file (lookups fall back to the agent's file when
   * there is none), and a file already holding the same bytes is left as it is.
   */

  public void put(NodeInfo node) {
    if (!inAnAgentFile(node, a -> a.node(node.name()), file("nodes", node.name()), file("nodes", "by-id-" + node.id()))) {
      write(file("nodes", node.name()), node);
      write(file("nodes", "by-id-" + node.id()), node);
    }
  }

  public void put(VolumeInfo volume) {
    if (!inAnAgentFile(volume, a -> a.volume(volume.name()), file("volumes", volume.name()))) {
      write(file("volumes", volume.name()), volume);
    }
  }

  public void put(CachedDefinition definition) {
    Path single = file("definitions", Long.toString(definition.id()));
    if (!inAnAgentFile(definition, a -> a.definition(definition.id()), single)) {
      write(single, definition);
    }
  }

  /** Whether an agent's file holds {@code value} and none of {@code singles} exists to come first. */
  private <T> boolean inAnAgentFile(T value, Function<AgentCache, Optional<T>> lookup, Path... singles) {
    for (Path single : singles) {
      if (Files.exists(single)) {
        return false;
      }
    }
    return agents().anyMatch(a -> lookup.apply(a).filter(value::equals).isPresent());
  }

  /** The schedule of an agent's definitions, for it to go on running them while the catalog is away. */
  public void putSchedule(String agent, List<CachedSchedule> definitions) {
    write(file("schedules", agent), new Schedules(definitions));
  }

  /** The agent's schedule as last read from the catalog; empty when none was cached. */
  public List<CachedSchedule> schedule(String agent) {
    return read(file("schedules", agent), Schedules.class).map(Schedules::definitions).orElse(List.of());
  }

  /**
   * Everything an agent's definitions need offline, in one file; lookups fall back to it when no
   * single file of the item was written (single files come from runs started by hand).
   */
  public void putAgent(String agent, AgentCache contents) {
    Path file = file("agents", agent);
    if (write(file, contents)) {
      try {
        BasicFileAttributes written = Files.readAttributes(file, BasicFileAttributes.class);
        agentFiles.put(file, new Loaded(written.fileKey(), written.lastModifiedTime(), written.size(), contents));
      } catch (IOException e) {
        agentFiles.remove(file); // read again at the next lookup
      }
    }
  }

  private java.util.stream.Stream<AgentCache> agents() {
    Path agents = directory.resolve("agents");
    if (!Files.isDirectory(agents)) {
      return java.util.stream.Stream.empty();
    }
    try (java.util.stream.Stream<Path> files = Files.list(agents)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList().stream()
          .map(this::agentFile).flatMap(Optional::stream);
    } catch (IOException e) {
      LOG.warn("cannot list the local cache {}: {}", agents, e.getMessage());
      return java.util.stream.Stream.empty();
    }
  }

  private Optional<AgentCache> agentFile(Path file) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return Optional.empty(); // gone since it was listed
    }
    Loaded known = agentFiles.get(file);
    if (known != null && known.isOf(attributes)) {
      return Optional.of(known.contents());
    }
    Optional<AgentCache> contents = read(file, AgentCache.class);
    contents.ifPresent(c -> agentFiles.put(file,
        new Loaded(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), c)));
    return contents;
  }

  /** The JSON shape of a cached schedule. */
  record Schedules(List<CachedSchedule> definitions) {}

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

  /** The name of the one volume the cache has a file of; empty when it has none or several. */
  public Optional<String> onlyVolume() {
    Path volumes = directory.resolve("volumes");
    if (!Files.isDirectory(volumes)) {
      return Optional.empty();
    }
    try (java.util.stream.Stream<Path> files = Files.list(volumes)) {
      List<String> names = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".json") && !n.startsWith(".")).limit(2).toList();
      return names.size() == 1 ? Optional.of(names.get(0).substring(0, names.get(0).length() - ".json".length()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
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

  /** Whether {@code file} now holds {@code value}. */
  private static boolean write(Path file, Object value) {
    try {
      JsonFiles.write(file, value);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot update the local cache {}: {}", file, e.getMessage());
      return false;
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
