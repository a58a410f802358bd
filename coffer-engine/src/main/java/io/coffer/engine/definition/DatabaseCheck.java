package io.coffer.engine.definition;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.definition.DatabaseSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a definition's databases are on its node now, asked when the definition is added so that a
 * name the node does not have is refused then, not at the first run at night.
 *
 * @param node the node's name
 * @param reachable whether the node listed its databases
 * @param reason why it could not be asked (down, unreachable, refused); empty when reachable
 * @param missing the named databases the node does not have (refused when reachable)
 * @param matches for each pattern (and {@link DatabaseSelector#ALL}), the databases it matches now
 */
public record DatabaseCheck(String node, boolean reachable, String reason, List<String> missing,
    List<PatternMatch> matches) {

  /** One pattern and the databases it would back up if the definition ran now. */
  public record PatternMatch(String pattern, List<String> databases) {}

  public DatabaseCheck {
    missing = List.copyOf(missing);
    matches = List.copyOf(matches);
  }

  /** The node could not say what it has: nothing is refused, the caller warns. */
  static DatabaseCheck unreachable(String node, String reason) {
    return new DatabaseCheck(node, false, reason, List.of(), List.of());
  }

  /**
   * Compares {@code selector} with the databases the node lists; refuses names it does not have.
   * {@code present} answers for names a listing leaves out but the node still has (an SQLite file
   * given by absolute path, or one still empty, which SQLite opens as an empty database).
   */
  static DatabaseCheck of(String node, DatabaseSelector selector, List<String> existing, Predicate<String> present) {
    List<String> missing = selector.names().stream()
        .filter(name -> !existing.contains(name) && !present.test(name)).toList();
    if (!missing.isEmpty()) {
      throw new CatalogValidationException(DatabaseSelector.FIELD, selector.toString(),
          (missing.size() == 1 ? "database " : "databases ") + String.join(", ", missing) + " not on node " + node,
          "databases node " + node + " has now: " + (existing.isEmpty() ? "none" : String.join(", ", existing))
              + " (`coffer node databases " + node + "` lists them), or a pattern");
    }
    List<PatternMatch> matches = new ArrayList<>();
    for (String pattern : selector.patterns()) {
      DatabaseSelector one = DatabaseSelector.parse(pattern);
      matches.add(new PatternMatch(pattern, one.expand(existing).stream().filter(selector::matches).toList()));
    }
    if (selector.isAll()) {
      matches.add(new PatternMatch(DatabaseSelector.ALL, selector.expand(existing)));
    }
    return new DatabaseCheck(node, true, "", List.of(), matches);
  }
}
