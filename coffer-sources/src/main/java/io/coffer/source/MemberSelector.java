package io.coffer.source;

import io.coffer.model.DatabaseGlob;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which databases of a node a backup captures: one name, a list, a glob pattern ({@code *} and
 * {@code ?}), or every database ({@code #all_databases#}); the last two may exclude names or
 * patterns. Membership is resolved against the node when the backup runs, with the one
 * {@link DatabaseGlob}. The engine hands drivers this resolved form of a definition's selector
 * (the catalog's {@code DatabaseSelector}, which also parses and checks the text a person types).
 */
public record MemberSelector(List<String> names, String pattern, List<String> exclusions) {

  /** The spelling of "every database" shared with the catalog and the CLI. */
  public static final String ALL_DATABASES = DatabaseGlob.ALL_DATABASES;

  public MemberSelector {
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

  public static MemberSelector one(String name) {
    return new MemberSelector(List.of(name), null, List.of());
  }

  public static MemberSelector list(List<String> names) {
    return new MemberSelector(names, null, List.of());
  }

  public static MemberSelector pattern(String glob, List<String> exclusions) {
    return new MemberSelector(List.of(), glob, exclusions);
  }

  public static MemberSelector all(List<String> exclusions) {
    return new MemberSelector(List.of(), ALL_DATABASES, exclusions);
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
    DatabaseGlob include = isAll() ? null : DatabaseGlob.of(pattern);
    List<DatabaseGlob> exclude = new ArrayList<>();
    for (String e : exclusions) {
      exclude.add(DatabaseGlob.of(e));
    }
    List<String> members = new ArrayList<>();
    for (String db : available) {
      boolean in = include == null || include.matches(db);
      boolean out = exclude.stream().anyMatch(p -> p.matches(db));
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

  @Override
  public String toString() {
    String base = names.isEmpty() ? pattern : String.join(",", names);
    return exclusions.isEmpty() ? base : base + " excluding " + String.join(",", exclusions);
  }
}
