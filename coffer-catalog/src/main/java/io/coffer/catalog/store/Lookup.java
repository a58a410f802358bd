package io.coffer.catalog.store;

import io.coffer.catalog.Names;
import io.coffer.catalog.UnknownReferenceException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Turns a reference given by a person (an id, or a name where rows have names) into a row id. */
public final class Lookup {

  private static final int NAMES_SHOWN = 10;

  private Lookup() {}

  /**
   * The id of the row {@code reference} names: digits are an id, anything else a name. An unknown
   * reference fails with the names that do exist, to make a typo obvious.
   */
  public static long id(Handle handle, Table table, String reference) {
    String ref = reference == null ? "" : reference.strip();
    Optional<Long> id = Optional.empty();
    if (Names.isId(ref)) {
      id = handle.createQuery("select id from " + table.sql + " where id = :id")
          .bind("id", Long.parseLong(ref)).mapTo(Long.class).findOne();
    } else if (table.named) {
      id = handle.createQuery("select id from " + table.sql + " where name = :name")
          .bind("name", ref).mapTo(Long.class).findOne();
    }
    return id.orElseThrow(() -> unknown(handle, table, reference));
  }

  /** Fails unless the row with this id exists. */
  public static long require(Handle handle, Table table, long id) {
    return id(handle, table, Long.toString(id));
  }

  /**
   * Says what exists and what to run: {@code backup "99" does not exist; there are 2 backups;
   * `coffer backup list` shows them}, or for a name {@code agent "vm" does not exist; accepted: an id
   * or one of backup01; `coffer agent add vm` registers it}.
   */
  private static UnknownReferenceException unknown(Handle handle, Table table, String reference) {
    long total = handle.createQuery("select count(*) from " + table.sql).mapTo(Long.class).one();
    String ref = reference == null ? "" : reference.strip();
    String making = table.making(table.named && !ref.isEmpty() && !Names.isId(ref) ? ref : "NAME");
    if (total == 0) {
      return new UnknownReferenceException(table.field, reference,
          "there are no " + table.plural + " yet; " + making);
    }
    if (!table.named) {
      return new UnknownReferenceException(table.field, reference, "there " + (total == 1 ? "is " : "are ") + total
          + " " + (total == 1 ? table.field : table.plural) + "; `" + table.listCommand + "` shows them");
    }
    List<String> names = handle.createQuery("select name from " + table.sql + " order by name limit " + NAMES_SHOWN)
        .mapTo(String.class).list();
    String list = String.join(", ", names);
    return new UnknownReferenceException(table.field, reference, "accepted: an id or one of " + list
        + (total > names.size() ? " … (" + total + " in all; `" + table.listCommand + "` shows them)" : "")
        + "; " + making);
  }
}
