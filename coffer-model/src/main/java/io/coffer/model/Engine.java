package io.coffer.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What kind of database a node is; its id, in lower case as in DESIGN.md, is the word used in the
 * CLI, the API, the catalog and manifests. {@code FILESYSTEM} is a directory of files of any
 * program: it has no databases and no driver of its own, only {@code FILES} backups.
 */
public enum Engine {
  POSTGRESQL(5432),
  MARIADB(3306),
  SQLITE(0),
  FILESYSTEM(0);

  /** The name of the field in the CLI, the API and the catalog. */
  public static final String FIELD = "engine";

  private final int defaultPort;

  Engine(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  /** True for engines reached over the network (host and port); false for files on disk. */
  public boolean isServer() {
    return defaultPort != 0;
  }

  public OptionalInt defaultPort() {
    return isServer() ? OptionalInt.of(defaultPort) : OptionalInt.empty();
  }

  /** True for engines whose files are a database, which must not be copied while it writes them. */
  public boolean isDatabase() {
    return this != FILESYSTEM;
  }

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The engine of this id, as manifests and reports spell it; user input goes through the catalog's parser. */
  @JsonCreator
  public static Engine of(String id) {
    for (Engine e : values()) {
      if (e.id().equalsIgnoreCase(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException("engine must be one of "
        + Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", ")) + ", got '" + id + "'");
  }

  @Override
  public String toString() {
    return id();
  }
}
