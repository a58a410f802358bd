package io.coffer.model;

import java.util.regex.Pattern;

/**
 * How a definition names databases by pattern, for both the catalog (which checks and expands a
 * definition's selector) and the drivers (which resolve a backup's members on the node): {@code *}
 * any run of characters, {@code ?} one character, everything else itself. One compiler, so a
 * pattern cannot match one database when a definition is added and another when it runs.
 */
public final class DatabaseGlob {

  /** The spelling of "every database of the node", as in PgBackMan. */
  public static final String ALL_DATABASES = "#all_databases#";

  private final String glob;
  private final Pattern pattern;

  private DatabaseGlob(String glob) {
    this.glob = glob;
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    this.pattern = Pattern.compile(regex.toString());
  }

  public static DatabaseGlob of(String glob) {
    return new DatabaseGlob(glob);
  }

  /** Whether {@code item} is a pattern rather than a plain name. */
  public static boolean isPattern(String item) {
    return item.indexOf('*') >= 0 || item.indexOf('?') >= 0;
  }

  public boolean matches(String database) {
    return pattern.matcher(database).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
