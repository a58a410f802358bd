package io.coffer.catalog.node;

import io.coffer.catalog.Enums;
import java.util.Locale;
import java.util.OptionalInt;

/** What kind of database a node is; written in lower case everywhere, as in DESIGN.md. */
public enum Engine {
  POSTGRESQL(5432),
  MARIADB(3306),
  SQLITE(0),
  FILESYSTEM(0);

  public static final String FIELD = "engine";

  private final int defaultPort;

  Engine(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  /** An engine as a person types it, aliases included ({@code pg}, {@code mysql}: see {@link EngineAliases}). */
  public static Engine parse(String text) {
    return Enums.parse(Engine.class, FIELD, EngineAliases.resolve(text));
  }

  /** True for engines reached over the network (host and port); false for files on disk. */
  public boolean isServer() {
    return defaultPort != 0;
  }

  public OptionalInt defaultPort() {
    return isServer() ? OptionalInt.of(defaultPort) : OptionalInt.empty();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
