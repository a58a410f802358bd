package io.coffer.catalog.store;

import static io.coffer.catalog.store.Table.AGENT;
import static io.coffer.catalog.store.Table.BACKUP;
import static io.coffer.catalog.store.Table.DEFINITION;
import static io.coffer.catalog.store.Table.NODE;
import static io.coffer.catalog.store.Table.ONEOFF;
import static io.coffer.catalog.store.Table.RESTORE_DEFINITION;
import static io.coffer.catalog.store.Table.VOLUME;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Finds the rows that would be left dangling if a row were removed, and words them for a person:
 * {@code definitions 12, 14 and backups 3, 4, 5, 6, 7 … (120 in all)}. Removals are refused on
 * this basis rather than on a foreign-key violation, whose message names tables, not things.
 */
public final class Dependents {

  private static final int IDS_SHOWN = 5;

  private record Reference(Table from, String column, String label) {}

  private static final Map<Table, List<Reference>> REFERENCES = Map.of(
      AGENT, List.of(
          new Reference(DEFINITION, "agent_id", "definitions"),
          new Reference(ONEOFF, "agent_id", "one-offs"),
          new Reference(RESTORE_DEFINITION, "agent_id", "restore definitions")),
      NODE, List.of(
          new Reference(DEFINITION, "node_id", "definitions"),
          new Reference(ONEOFF, "node_id", "one-offs"),
          new Reference(BACKUP, "node_id", "backups"),
          new Reference(RESTORE_DEFINITION, "target_node_id", "restore definitions")),
      VOLUME, List.of(
          new Reference(DEFINITION, "volume_id", "definitions"),
          new Reference(ONEOFF, "volume_id", "one-offs"),
          new Reference(BACKUP, "volume_id", "backups")),
      DEFINITION, List.of(new Reference(BACKUP, "definition_id", "backups")),
      ONEOFF, List.of(new Reference(BACKUP, "oneoff_id", "backups")),
      BACKUP, List.of(
          new Reference(BACKUP, "parent_id", "incremental backups"),
          new Reference(RESTORE_DEFINITION, "backup_id", "restore definitions")));

  private Dependents() {}

  /** What depends on the row, worded for a message; empty when nothing does. */
  public static Optional<String> describe(Handle handle, Table table, long id) {
    List<String> parts = new ArrayList<>();
    for (Reference reference : REFERENCES.getOrDefault(table, List.of())) {
      List<Long> ids = handle.createQuery(
              "select id from " + reference.from.sql + " where " + reference.column + " = :id order by id limit "
                  + (IDS_SHOWN + 1))
          .bind("id", id).mapTo(Long.class).list();
      if (ids.isEmpty()) {
        continue;
      }
      String shown = ids.stream().limit(IDS_SHOWN).map(String::valueOf).collect(Collectors.joining(", "));
      if (ids.size() > IDS_SHOWN) {
        long total = handle.createQuery(
                "select count(*) from " + reference.from.sql + " where " + reference.column + " = :id")
            .bind("id", id).mapTo(Long.class).one();
        shown += " … (" + total + " in all)";
      }
      parts.add(reference.label + " " + shown);
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    if (parts.size() == 1) {
      return Optional.of(parts.get(0));
    }
    return Optional.of(String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1));
  }
}
