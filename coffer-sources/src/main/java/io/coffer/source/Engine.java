package io.coffer.source;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The database engine of a node; its id is the word used in the CLI, the API and the catalog.
 * {@code FILESYSTEM} is a directory of files of any program: it has no databases and no driver of
 * its own, only {@code FILES} backups.
 */
public enum Engine {
  POSTGRESQL,
  MARIADB,
  SQLITE,
  FILESYSTEM;

  /** True for engines whose files are a database, which must not be copied while it writes them. */
  public boolean isDatabase() {
    return this != FILESYSTEM;
  }

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Engine of(String id) {
    for (Engine e : values()) {
      if (e.id().equalsIgnoreCase(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "engine must be one of "
            + Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", "))
            + ", got '"
            + id
            + "'");
  }
}
