package io.coffer.catalog.backup;

import io.coffer.catalog.InUseException;
import io.coffer.catalog.store.Dependents;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Table;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Takes a set of backups out of the catalog — one backup, or all of a definition or one-off — for
 * the catalog's repositories, inside their transaction. Refuses when a backup of the set is still
 * RUNNING or when a backup outside the set builds on one inside it; restore definitions of the set
 * go with it, and are reported.
 */
public final class BackupForgetting {

  private BackupForgetting() {}

  /**
   * Removes a definition or one-off ({@code owner}, whose backups point at it through {@code
   * column}). One with backups is refused unless {@code force}; with force its backups leave the
   * catalog with it.
   */
  public static Removal removeOwner(Handle handle, Table owner, String column, long id, boolean force) {
    String reference = Long.toString(id);
    Lookup.require(handle, owner, id);
    if (!force) {
      Dependents.describe(handle, owner, id).ifPresent(dependents -> {
        throw new InUseException(owner.field(), reference, dependents,
            "use force to remove it and forget its backups in the volume");
      });
    }
    Removal removal = forget(handle, column, id, owner.field(), reference);
    handle.createUpdate("delete from " + owner.sqlName() + " where id = :id").bind("id", id).execute();
    return removal;
  }

  /**
   * Forgets the backups whose {@code column} ({@code id}, {@code definition_id} or {@code
   * oneoff_id}) equals {@code value}; {@code field} and {@code reference} word refusals.
   */
  public static Removal forget(Handle handle, String column, long value, String field, String reference) {
    String set = "select id from backup where " + column + " = :value";
    List<ForgottenBackup> backups = handle.createQuery("select b.id, v.name, v.location, b.manifest_id, b.status"
            + " from backup b join volume v on v.id = b.volume_id where b." + column + " = :value order by b.id")
        .bind("value", value)
        .map((row, ctx) -> new ForgottenBackup(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
            BackupStatus.valueOf(row.getString(5))))
        .list();
    backups.stream().filter(b -> b.status() == BackupStatus.RUNNING).findFirst().ifPresent(running -> {
      throw new InUseException(field, reference, "backup " + running.id() + ", which is RUNNING",
          "wait for it to finish or abort its job first");
    });
    List<Long> children = handle.createQuery("select id from backup where parent_id in (" + set + ")"
            + " and id not in (" + set + ") order by id")
        .bind("value", value).mapTo(Long.class).list();
    if (!children.isEmpty()) {
      throw new InUseException(field, reference, "incremental backups " + ids(children), "remove them first");
    }
    List<Long> restoreDefinitions = handle.createQuery("select id from restore_definition where backup_id in (" + set
            + ") order by id")
        .bind("value", value).mapTo(Long.class).list();
    handle.createUpdate("delete from restore_definition where backup_id in (" + set + ")").bind("value", value).execute();
    handle.createUpdate("delete from backup where " + column + " = :value").bind("value", value).execute();
    return new Removal(backups, restoreDefinitions);
  }

  private static String ids(List<Long> ids) {
    String shown = String.join(", ", ids.stream().limit(5).map(String::valueOf).toList());
    return ids.size() > 5 ? shown + " … (" + ids.size() + " in all)" : shown;
  }
}
