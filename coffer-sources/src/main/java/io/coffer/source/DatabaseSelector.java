package io.coffer.source;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which databases of a node a backup captures: one name, a list, a glob pattern ({@code *} and
 * {@code ?}), or every database ({@code #all_databases#}); the last two may exclude names or
 * patterns. Membership is resolved against the node when the backup runs.
 */
public record DatabaseSelector(List<String> names, String pattern, List<String> exclusions) {

  /** The spelling of "every database" shared with the catalog and the CLI. */
  public static final String ALL_DATABASES = "#all_databases#";

  public DatabaseSelector {
    names = names == null ? List.of() : List.copyOf(names);
    exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    if (names.isEmpty() == (pattern == null)) {
      throw new IllegalArgumentException(
          "database selector needs either names or a pattern (or " + ALL_DATABASES + ")");
    }
    if (!names.isEmpty() && !exclusions.isEmpty()) {
      throw new IllegalArgumentException(
          "database exclusions apply to a pattern or " + ALL_DATABASES + ", not to a list of names");
    }
    for (String name : names) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("database name must not be empty");
      }
    }
  }

  public static DatabaseSelector one(String name) {
    return new DatabaseSelector(List.of(name), null, List.of());
  }

  public static DatabaseSelector list(List<String> names) {
    return new DatabaseSelector(names, null, List.of());
  }

  public static DatabaseSelector pattern(String glob, List<String> exclusions) {
    return new DatabaseSelector(List.of(), glob, exclusions);
  }

  public static DatabaseSelector all(List<String> exclusions) {
    return new DatabaseSelector(List.of(), ALL_DATABASES, exclusions);
  }

  public boolean isAll() {
    return ALL_DATABASES.equals(pattern);
  }

  /**
   * The members among the node's databases, in the node's order for patterns and in the given order
   * for names.
   *
   * @throws SourceException NO_SUCH_DATABASE when a named database is missing or nothing matches
   */
  public List<String> resolve(List<String> available, String nodeLabel) throws SourceException {
    if (!names.isEmpty()) {
      Set<String> present = Set.copyOf(available);
      for (String name : names) {
        if (!present.contains(name)) {
          throw new SourceException(
              SourceException.Reason.NO_SUCH_DATABASE,
              "database '" + name + "' does not exist on node " + nodeLabel);
        }
      }
      return List.copyOf(new LinkedHashSet<>(names));
    }
    Pattern include = isAll() ? null : glob(pattern);
    List<Pattern> exclude = new ArrayList<>();
    for (String e : exclusions) {
      exclude.add(glob(e));
    }
    List<String> members = new ArrayList<>();
    for (String db : available) {
      boolean in = include == null || include.matcher(db).matches();
      boolean out = exclude.stream().anyMatch(p -> p.matcher(db).matches());
      if (in && !out) {
        members.add(db);
      }
    }
    if (members.isEmpty()) {
      throw new SourceException(
          SourceException.Reason.NO_SUCH_DATABASE,
          "no database on node " + nodeLabel + " matches " + this);
    }
    return members;
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  @Override
  public String toString() {
    String base = names.isEmpty() ? pattern : String.join(",", names);
    return exclusions.isEmpty() ? base : base + " excluding " + String.join(",", exclusions);
  }
}
