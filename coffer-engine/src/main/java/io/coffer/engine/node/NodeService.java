package io.coffer.engine.node;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.config.ConfigEntry;
import io.coffer.catalog.config.ConfigKey;
import io.coffer.catalog.config.ConfigScope;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.node.Node;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.coffer.source.TableReport;
import java.util.List;

/** Nodes: registering them (checking what can be checked without a connection) and listing their databases. */
public final class NodeService {

  private final CatalogLink link;
  private final Drivers drivers;

  public NodeService(CatalogLink link, Drivers drivers) {
    this.link = link;
    this.drivers = drivers;
  }

  /** Registers a node; the data directory of a file engine must exist. */
  public Node add(NewNode node) {
    if (!node.engine().isServer()) {
      requireDirectory(node.engine(), node.dataDirectory());
    }
    return link.required().nodes().add(node);
  }

  public List<Node> list() {
    return link.required().nodes().list();
  }

  /** The node with this id or name. */
  public Node show(String reference) {
    return link.required().nodes().show(reference);
  }

  /** Removes a node; refused while definitions, one-offs or backups refer to it. */
  public void remove(String reference) {
    link.required().nodes().remove(reference);
  }

  /** The node's settings: its own values, else the defaults. */
  public List<ConfigEntry> settings(String reference) {
    return link.required().config().forNode(reference);
  }

  /** Changes a node; a new data directory of a file engine must exist, as for {@link #add}. */
  public Node update(String reference, NodeUpdate update) {
    if (update.dataDirectory().isPresent()) {
      io.coffer.model.Engine engine = show(reference).engine();
      if (!engine.isServer()) {
        requireDirectory(engine, update.dataDirectory().get());
      }
    }
    return link.required().nodes().update(reference, update);
  }

  /**
   * Checks a node setting ({@code node update --set KEY=VALUE}) without storing it: the catalog checks
   * the form of every key, and the engine what only the sources know (the quiesce method and its
   * settings). Returns the value to store.
   */
  public String checkSetting(String key, String value) {
    ConfigKey configKey = ConfigKey.parse(ConfigScope.NODE, key);
    String canonical = configKey.check(value);
    return configKey == ConfigKey.QUIESCE ? io.coffer.engine.backup.FilesSettings.quiesce(canonical).toString()
        : canonical;
  }

  /** Sets a node's setting, checked as {@link #checkSetting} does. */
  public void set(String reference, String key, String value) {
    link.required().config().setForNode(reference, key, checkSetting(key, value));
  }

  /** One database of a node and whether any definition of the node covers it. */
  public record Database(String name, boolean defined) {}

  /** The node's databases as its driver lists them, each flagged when no definition covers it. */
  public List<Database> databases(String reference) {
    Node node = link.required().nodes().show(reference);
    NodeInfo info = NodeInfo.of(node);
    List<String> names;
    try {
      names = drivers.driver(info).databases(drivers.sourceNode(info));
    } catch (IOException e) {
      throw new EngineException("cannot list the databases of node " + node.name() + ": " + e.getMessage(), e);
    }
    List<String> undefined = link.required().definitions().withoutDefinition(node.name(), names);
    return names.stream().map(name -> new Database(name, !undefined.contains(name))).toList();
  }

  /**
   * A database known through a node, as seed 004's API lists databases: {@code id} is {@code
   * node:database}; {@code version} the server version its newest backup recorded (empty before one).
   */
  public record KnownDatabase(String id, String name, String node, String engine, String version) {}

  /**
   * Every database of every node: as the node's server lists them when it answers, otherwise
   * (a node DOWN or unreachable) those its backups hold, so that a node's absence does not hide
   * what was backed up from it.
   */
  public List<KnownDatabase> knownDatabases() {
    List<KnownDatabase> known = new java.util.ArrayList<>();
    for (Node node : list()) {
      known.addAll(knownDatabases(node));
    }
    return known;
  }

  private List<KnownDatabase> knownDatabases(Node node) {
    List<Backup> backups = link.required().backups().list(BackupFilter.newest().node(node.name()).limit(200));
    String version = backups.stream().map(Backup::serverVersion).filter(v -> v != null && !v.isEmpty())
        .findFirst().orElse("");
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    NodeInfo info = NodeInfo.of(node);
    try {
      if (!info.isDown()) {
        names.addAll(drivers.driver(info).databases(drivers.sourceNode(info)));
      }
    } catch (IOException | RuntimeException e) {
      // The node does not answer now: what its backups hold is still known.
      names.clear();
    }
    if (names.isEmpty()) {
      backups.forEach(b -> names.addAll(b.databases()));
    }
    return names.stream().map(name -> new KnownDatabase(node.name() + ":" + name, name, node.name(),
        node.engine().toString(), version)).toList();
  }

  /**
   * The database an id of {@link #knownDatabases} names: its node must exist. A database the catalog
   * knows of (its backups hold it) is found without asking the node, so that watching a backup's
   * progress never waits on a connection; any other is looked for on the node.
   */
  public KnownDatabase knownDatabase(String id) {
    int colon = id == null ? -1 : id.indexOf(':');
    if (colon <= 0 || colon == id.length() - 1) {
      throw new CatalogValidationException("database", id, "NODE:DATABASE, e.g. pg1:sales (GET /api/v1/databases)");
    }
    Node node = show(id.substring(0, colon));
    String name = id.substring(colon + 1);
    List<Backup> backups = link.required().backups().list(BackupFilter.newest().node(node.name()).database(name)
        .limit(1));
    if (!backups.isEmpty()) {
      return new KnownDatabase(node.name() + ":" + name, name, node.name(), node.engine().toString(),
          backups.get(0).serverVersion() == null ? "" : backups.get(0).serverVersion());
    }
    return knownDatabases(node).stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> new io.coffer.catalog.UnknownReferenceException("database", id,
            "a database of node " + node.name() + " (GET /api/v1/databases)"));
  }

  /**
   * Per-table row counts and content checksums of one database of a node, computed as its driver
   * computes them for a backup, so a restored copy can be compared with its source.
   */
  public List<TableReport> contents(String reference, String database) {
    NodeInfo info = NodeInfo.of(link.required().nodes().show(reference));
    try {
      return drivers.driver(info).contents(drivers.sourceNode(info), database);
    } catch (IOException e) {
      throw new EngineException("cannot read database " + database + " of node " + info.name() + ": " + e.getMessage(), e);
    }
  }

  private static void requireDirectory(io.coffer.model.Engine engine, String directory) {
    if (directory == null || !Files.isDirectory(Path.of(directory))) {
      throw new CatalogValidationException("data-directory", directory, "no such directory",
          "the absolute path of an existing directory holding the " + engine + " files");
    }
  }
}
