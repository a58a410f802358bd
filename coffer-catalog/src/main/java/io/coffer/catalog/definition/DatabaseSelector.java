package io.coffer.catalog.definition;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.model.DatabaseGlob;
import io.coffer.model.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which databases of a node a definition backs up, written as a comma-separated list of:
 *
 * <ul>
 *   <li>names: {@code sales} or {@code sales,hr,crm};
 *   <li>patterns with {@code *} and {@code ?}: {@code sales_*};
 *   <li>{@code #all_databases#}: every database of the node;
 *   <li>exclusions, after a pattern or {@code #all_databases#}: {@code !scratch}, {@code !tmp_*}.
 * </ul>
 *
 * <p>Patterns and {@code #all_databases#} are expanded when a backup runs, against the databases
 * the node has then; they never match the templates {@code template0} and {@code template1}.
 */
public final class DatabaseSelector {

  public static final String FIELD = "databases";
  public static final String ALL = DatabaseGlob.ALL_DATABASES;
  private static final Set<String> TEMPLATES = Set.of("template0", "template1");
  private static final Pattern NAME = Pattern.compile("[^,!#\\s\\p{Cntrl}][^,\\p{Cntrl}]{0,127}");
  private static final String ACCEPTED =
      "a database name, a list a,b,c, a pattern with * or ? (e.g. sales_*), or " + ALL
          + "; a pattern or " + ALL + " may be followed by exclusions such as !scratch or !tmp_*";

  private final List<String> names;
  private final List<String> patterns;
  private final boolean all;
  private final List<String> exclusions;

  /**
   * The databases a backup of {@code kind} covers: those {@code given}, and for FILES and PHYSICAL,
   * which copy the node's whole data directory, {@code #all_databases#} when none were given (any
   * other selection is refused rather than silently ignored).
   *
   * @param given the selection as given; null when none was
   * @param what what is being planned, for the message: "definition", "one-off"
   */
  public static DatabaseSelector forKind(Kind kind, DatabaseSelector given, String what) {
    if (!kind.copiesWholeNode()) {
      if (given == null) {
        throw new CatalogValidationException(FIELD, "", "a " + kind + " " + what + " needs the databases to back up",
            ACCEPTED);
      }
      return given;
    }
    DatabaseSelector all = parse(ALL);
    if (given != null && !given.equals(all)) {
      throw new CatalogValidationException(FIELD, given.toString(),
          "a " + kind + " " + what + " copies the node's whole data directory", "none (leave it out) or " + ALL);
    }
    return all;
  }

  private DatabaseSelector(List<String> names, List<String> patterns, boolean all, List<String> exclusions) {
    this.names = List.copyOf(names);
    this.patterns = List.copyOf(patterns);
    this.all = all;
    this.exclusions = List.copyOf(exclusions);
  }

  public static DatabaseSelector parse(String text) {
    if (text == null || text.isBlank()) {
      throw new CatalogValidationException(FIELD, text, ACCEPTED);
    }
    List<String> names = new ArrayList<>();
    List<String> patterns = new ArrayList<>();
    List<String> exclusions = new ArrayList<>();
    boolean all = false;
    for (String raw : text.split(",", -1)) {
      String item = raw.strip();
      if (item.equals(ALL)) {
        all = true;
      } else if (item.startsWith("!") && NAME.matcher(item.substring(1)).matches()) {
        exclusions.add(item.substring(1));
      } else if (NAME.matcher(item).matches()) {
        (DatabaseGlob.isPattern(item) ? patterns : names).add(item);
      } else {
        throw new CatalogValidationException(FIELD, text, "\"" + item + "\" is not a database name", ACCEPTED);
      }
    }
    if (all && !(names.isEmpty() && patterns.isEmpty())) {
      throw new CatalogValidationException(FIELD, text, ALL + " takes only exclusions beside it", ACCEPTED);
    }
    if (!exclusions.isEmpty() && !all && patterns.isEmpty()) {
      throw new CatalogValidationException(FIELD, text, "exclusions need a pattern or " + ALL, ACCEPTED);
    }
    if (!all && names.isEmpty() && patterns.isEmpty()) {
      throw new CatalogValidationException(FIELD, text, "nothing is included", ACCEPTED);
    }
    return new DatabaseSelector(distinct(names), distinct(patterns), all, distinct(exclusions));
  }

  /** One named database. */
  public static DatabaseSelector of(String name) {
    return parse(name);
  }

  /** The databases named one by one (not patterns), sorted. */
  public List<String> names() {
    return names;
  }

  /** The patterns with {@code *} or {@code ?}, sorted; {@link #ALL} is not among them. */
  public List<String> patterns() {
    return patterns;
  }

  /** True when the selector names exactly one database and nothing else. */
  public boolean isSingleDatabase() {
    return names.size() == 1 && patterns.isEmpty() && !all;
  }

  /** True when the selector takes every database of the node ({@code #all_databases#}). */
  public boolean isAll() {
    return all;
  }

  /** Whether a backup run by this selector would include the database {@code name}. */
  public boolean matches(String name) {
    if (exclusions.stream().anyMatch(exclusion -> glob(exclusion, name))) {
      return false;
    }
    if (names.contains(name)) {
      return true;
    }
    if (TEMPLATES.contains(name)) {
      return false;
    }
    return all || patterns.stream().anyMatch(pattern -> glob(pattern, name));
  }

  /** The databases, among those a node has now, that a backup run would include, sorted. */
  public List<String> expand(Collection<String> existing) {
    return existing.stream().filter(this::matches).distinct().sorted().toList();
  }

  private static boolean glob(String pattern, String name) {
    return DatabaseGlob.isPattern(pattern) ? DatabaseGlob.of(pattern).matches(name) : pattern.equals(name);
  }

  private static List<String> distinct(List<String> items) {
    return List.copyOf(new TreeSet<>(items));
  }

  /** The canonical form: names, patterns or {@code #all_databases#}, then exclusions, each sorted. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>(names);
    parts.addAll(patterns);
    if (all) {
      parts.add(ALL);
    }
    exclusions.forEach(exclusion -> parts.add("!" + exclusion));
    return String.join(",", parts);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DatabaseSelector that && toString().equals(that.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
