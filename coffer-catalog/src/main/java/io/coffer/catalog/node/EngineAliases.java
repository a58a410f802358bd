package io.coffer.catalog.node;

import java.util.Locale;
import java.util.Map;

/**
 * The other names people type for an engine ({@code postgres}, {@code pg}, {@code mysql}, {@code
 * maria}). Each stands for exactly one engine, so accepting it guesses nothing; anything else is
 * passed on unchanged for the engine parser to accept or refuse.
 */
public final class EngineAliases {

  private static final Map<String, String> ALIASES = Map.of(
      "postgres", "postgresql",
      "pg", "postgresql",
      "pgsql", "postgresql",
      "mysql", "mariadb",
      "maria", "mariadb");

  private EngineAliases() {}

  /** The engine's own name for {@code text} when it is an alias; otherwise {@code text} itself. */
  public static String resolve(String text) {
    if (text == null) {
      return null;
    }
    return ALIASES.getOrDefault(text.strip().toLowerCase(Locale.ROOT), text);
  }
}
