package io.coffer.engine.backup;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.model.Kind;
import io.coffer.source.MemberSelector;
import io.coffer.source.NodeAccess;
import io.coffer.source.SourceDriver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which databases a backup captures, resolved against the node when the backup runs (a pattern or
 * #all_databases# takes the databases the node has now) and checked before anything is recorded,
 * so that a name the node does not have is refused as bad input and leaves the catalog unchanged.
 *
 * @param members the databases, sorted, as the manifest and the catalog record them
 * @param selector the same, in the driver's terms
 */
record Membership(List<String> members, MemberSelector selector) {

  static Membership resolve(BackupPlan plan, SourceDriver driver, NodeAccess node) throws IOException {
    io.coffer.catalog.definition.DatabaseSelector wanted = plan.databases();
    if (plan.kind() == Kind.CLUSTER && !wanted.isAll()) {
      throw new CatalogValidationException("databases", wanted.toString(), "kind CLUSTER backs up every database",
          io.coffer.catalog.definition.DatabaseSelector.ALL + ", with exclusions such as !scratch if needed");
    }
    List<String> existing = driver.databases(node);
    if (wanted.isSingleDatabase()) {
      String name = wanted.toString();
      if (!existing.contains(name)) {
        throw new CatalogValidationException("database", name, "node " + plan.node().name() + " ("
            + node.label() + ") has no such database",
            existing.isEmpty() ? "none: the node has no database yet" : "one of " + shown(existing));
      }
    }
    List<String> members = wanted.expand(existing);
    if (members.isEmpty()) {
      throw new CatalogValidationException("databases", wanted.toString(), "it matches no database of node "
          + plan.node().name(), existing.isEmpty() ? "none: the node has no database yet" : "names among " + shown(existing));
    }
    MemberSelector selector = plan.kind() == Kind.CLUSTER
        ? MemberSelector.all(exclusions(wanted))
        : MemberSelector.list(members);
    return new Membership(members, selector);
  }

  /** The exclusions of a catalog selector, read from its canonical form ({@code a,#all_databases#,!b}). */
  private static List<String> exclusions(io.coffer.catalog.definition.DatabaseSelector selector) {
    List<String> exclusions = new ArrayList<>();
    for (String part : selector.toString().split(",")) {
      if (part.startsWith("!")) {
        exclusions.add(part.substring(1));
      }
    }
    return exclusions;
  }

  private static String shown(List<String> names) {
    return names.size() <= 10 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 10)) + " … (" + names.size() + " in all)";
  }
}
