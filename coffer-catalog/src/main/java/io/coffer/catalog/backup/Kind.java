package io.coffer.catalog.backup;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.Enums;
import io.coffer.catalog.node.Engine;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a backup captures. CLUSTER, FULL, SCHEMA and DATA are logical dumps (FULL also keeps the
 * roles and database settings needed for a complete restore); PHYSICAL is a copy of the server's
 * files taken through the server; FILES is a directory, made consistent by a quiesce method.
 */
public enum Kind {
  CLUSTER,
  FULL,
  SCHEMA,
  DATA,
  PHYSICAL,
  FILES;

  public static final String FIELD = "kind";

  public static Kind parse(String text) {
    return Enums.parse(Kind.class, FIELD, text);
  }

  /** This kind, or a refusal naming the kinds a node of {@code engine} can produce. */
  public Kind requireSupportedBy(Engine engine) {
    if (!supportedBy(engine).contains(this)) {
      throw new CatalogValidationException(FIELD, this, "for a " + engine + " node, one of " + supportedBy(engine));
    }
    return this;
  }

  /**
   * Whether a backup of this kind restores into an empty database on its own. A DATA backup loads
   * rows into tables that must already exist, so it can be neither verified nor restored alone.
   */
  public boolean restoresOnItsOwn() {
    return this != DATA;
  }

  /** The kinds a node of this engine can produce. */
  public static Set<Kind> supportedBy(Engine engine) {
    return switch (engine) {
      case POSTGRESQL, MARIADB -> EnumSet.allOf(Kind.class);
      case SQLITE -> EnumSet.of(FULL, FILES);
      case FILESYSTEM -> EnumSet.of(FILES);
    };
  }
}
