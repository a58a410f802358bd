package io.coffer.catalog.retention;

import io.coffer.catalog.InUseException;
import io.coffer.catalog.backup.BackupForgetting;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What retention reads and removes: the backups of one definition or one-off (or the backups run
 * by hand that carry their own expire) with what depends on them, and the removal of one backup
 * with the reason it went, recorded in the history.
 *
 * <p>Each removal is its own transaction and history row, so the history says for every backup why
 * it went; a removal refused because something came to depend on the backup since it was read
 * leaves that backup alone and the others go on.
 */
public final class RetentionRepository {

  private static final String DEFINITION = "coalesce(%s.definition_id, 0) = :owner";
  private static final String ONEOFF = "coalesce(%s.oneoff_id, 0) = :owner";
  private static final String BY_HAND = "(%1$s.definition_id is null and %1$s.oneoff_id is null and %1$s.expire is not null)";

  private final Store store;

  public RetentionRepository(Store store) {
    this.store = store;
  }

  /** The definition's backups, newest first. */
  public List<RetentionCandidate> ofDefinition(long definitionId) {
    return store.read(handle -> {
      Lookup.require(handle, Table.DEFINITION, definitionId);
      return candidates(handle, DEFINITION, definitionId);
    });
  }

  /** The one-off's backups, newest first. */
  public List<RetentionCandidate> ofOneoff(long oneoffId) {
    return store.read(handle -> {
      Lookup.require(handle, Table.ONEOFF, oneoffId);
      return candidates(handle, ONEOFF, oneoffId);
    });
  }

  /** Backups run by hand with their own expire, newest first; those without one are kept until deleted. */
  public List<RetentionCandidate> byHandWithExpire() {
    return store.read(handle -> candidates(handle, BY_HAND, 0));
  }

  /**
   * Removes one backup for retention, recording {@code reason} in the history. Refused while it
   * runs, while another backup builds on it, or — unless {@code force} — while a restore definition
   * waits to restore it; with force, its restore definitions go with it.
   */
  public Removal remove(long backupId, String reason, boolean force) {
    String reference = Long.toString(backupId);
    return store.change(new Change("retention remove", "backup " + backupId, reason), handle -> {
      Lookup.require(handle, Table.BACKUP, backupId);
      List<Long> waiting = handle.createQuery("select id from restore_definition where backup_id = :id"
              + " and status = 'WAITING' order by id")
          .bind("id", backupId).mapTo(Long.class).list();
      if (!force && !waiting.isEmpty()) {
        throw new InUseException("backup", reference, "restore definitions " + waiting + ", which are WAITING",
            "use force to remove it with them");
      }
      return BackupForgetting.forget(handle, "id", backupId, "backup", reference);
    }, removal -> "ok: " + removal);
  }

  private static List<RetentionCandidate> candidates(Handle handle, String owner, long ownerId) {
    String b = owner.formatted("b");
    Map<Long, List<Long>> waiting = pairs(handle, "select r.backup_id, r.id from restore_definition r"
        + " join backup b on b.id = r.backup_id where r.status = 'WAITING' and " + b + " order by r.id", ownerId);
    Map<Long, List<Long>> children = pairs(handle, "select c.parent_id, c.id from backup c"
        + " join backup b on b.id = c.parent_id where " + b + " and not (" + owner.formatted("c") + ") order by c.id",
        ownerId);
    return handle.createQuery("select b.id, v.name as volume_name, b.manifest_id, b.status, b.level, b.parent_id,"
            + " b.started_at, b.finished_at, b.expire from backup b join volume v on v.id = b.volume_id where " + b
            + " order by b.started_at desc, b.id desc")
        .bindMap(owner(b, ownerId))
        .map((row, ctx) -> {
          long id = row.getLong("id");
          String expire = row.getString("expire");
          return new RetentionCandidate(id, row.getString("volume_name"), row.getString("manifest_id"),
              BackupStatus.valueOf(row.getString("status")), row.getInt("level"), Columns.nullableLong(row, "parent_id"),
              Columns.instant(row, "started_at"), Columns.instant(row, "finished_at"),
              expire == null ? Optional.empty() : Optional.of(Expire.parse(expire)),
              waiting.getOrDefault(id, List.of()), children.getOrDefault(id, List.of()));
        })
        .list();
  }

  /** The owner's id for a condition that names it; the by-hand condition names none. */
  private static Map<String, Object> owner(String sql, long ownerId) {
    return sql.contains(":owner") ? Map.of("owner", ownerId) : Map.of();
  }

  /** Rows of (backup id, dependent id), grouped by backup. */
  private static Map<Long, List<Long>> pairs(Handle handle, String sql, long ownerId) {
    Map<Long, List<Long>> out = new HashMap<>();
    handle.createQuery(sql).bindMap(owner(sql, ownerId))
        .map((row, ctx) -> Map.entry(row.getLong(1), row.getLong(2)))
        .forEach(pair -> out.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue()));
    return out;
  }
}
