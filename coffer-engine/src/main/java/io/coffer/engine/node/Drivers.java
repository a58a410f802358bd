package io.coffer.engine.node;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.model.CredentialReference;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.source.NodeAccess;
import io.coffer.source.PhysicalDriver;
import io.coffer.source.SourceDriver;
import io.coffer.source.SourceDrivers;
import io.coffer.source.sqlite.SqliteDriver;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The driver for each engine, and the translation from the catalog's words to the drivers': the
 * catalog knows every kind and engine of DESIGN.md, the drivers only those implemented so far, so
 * a node or kind without a driver is refused here with a message that says so. Each driver
 * declares its kinds ({@link SourceDriver#kinds()}); {@link #kinds} adds FILES, which the engine
 * carries out itself for every engine (it copies the node's data directory, no driver involved), and
 * PHYSICAL where the engine has a {@link PhysicalDriver}.
 */
public final class Drivers {

  private final SqliteDriver sqlite;

  /** @param tempDirectory where drivers keep temporary copies (SQLite copies a file before streaming it) */
  public Drivers(Path tempDirectory) {
    this.sqlite = new SqliteDriver(tempDirectory);
  }

  /** The driver of the node's engine. */
  public SourceDriver driver(NodeInfo node) {
    return driverOf(node.engineType()).orElseThrow(() -> filesOnly(node));
  }

  /** A filesystem node has no databases and no driver: only FILES backups, which copy its directory. */
  private static CatalogValidationException filesOnly(NodeInfo node) {
    return new CatalogValidationException(Engine.FIELD, node.engine(), "node " + node.name()
        + " is a filesystem node: it has no databases, only its data directory, which FILES backups copy",
        "kind FILES for a filesystem node; databases on a node of engine sqlite, postgresql or mariadb");
  }

  /** The node as the driver reaches it. */
  public NodeAccess sourceNode(NodeInfo node) {
    return switch (node.engineType()) {
      case SQLITE -> NodeAccess.sqlite(Path.of(node.dataDirectory()));
      case POSTGRESQL -> NodeAccess.postgresql(node.host(), node.port(), node.adminUser(), node.credentialReference());
      case MARIADB -> NodeAccess.mariadb(node.host(), node.port(), node.adminUser(), node.credentialReference());
      case FILESYSTEM -> throw filesOnly(node);
    };
  }

  /**
   * The kinds a node of {@code engine} can back up: what its driver declares ({@link
   * SourceDriver#kinds()}), PHYSICAL where a physical driver exists, and FILES for every engine.
   * This is the only list; the catalog stores any kind and the engine refuses the others when a
   * definition or one-off is added.
   */
  public Set<Kind> kinds(Engine engine) {
    Set<Kind> kinds = EnumSet.of(Kind.FILES);
    driverOf(engine).ifPresent(driver -> kinds.addAll(driver.kinds()));
    if (SourceDrivers.hasPhysical(engine)) {
      kinds.add(Kind.PHYSICAL);
    }
    return kinds;
  }

  /** The PHYSICAL driver of the node's engine, or a refusal naming the kinds the node has. */
  public PhysicalDriver physical(Engine engine) {
    requireKind(engine, Kind.PHYSICAL);
    try {
      return SourceDrivers.physical(engine);
    } catch (io.coffer.source.SourceException e) {
      throw new IllegalStateException("a kind the engine accepts has a driver", e);
    }
  }

  /** {@code kind}, or a refusal naming the kind, the engine and the kinds it accepts. */
  public Kind requireKind(Engine engine, Kind kind) {
    Set<Kind> accepted = kinds(engine);
    if (!accepted.contains(kind)) {
      throw new CatalogValidationException(Kind.FIELD, kind, "a node of engine " + engine
          + " cannot make backups of kind " + kind,
          accepted.isEmpty() ? "none yet: Coffer cannot back up " + engine + " nodes" : "one of " + accepted);
    }
    return kind;
  }

  private Optional<SourceDriver> driverOf(Engine engine) {
    return switch (engine) {
      case SQLITE -> Optional.of(sqlite);
      case POSTGRESQL -> Optional.of(SourceDrivers.forEngine(Engine.POSTGRESQL));
      case MARIADB -> Optional.of(SourceDrivers.forEngine(Engine.MARIADB));
      case FILESYSTEM -> Optional.empty();
    };
  }
}
