package io.coffer.catalog.restore;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Plans restores. A restore definition is refused for a backup that did not succeed, onto a node of
 * another engine, or with nothing to say which database to restore into.
 */
public final class RestoreDefinitionRepository {

  private static final String SELECT = "select r.*, a.name as agent_name, n.name as node_name"
      + " from restore_definition r join agent a on a.id = r.agent_id join node n on n.id = r.target_node_id";

  private final Store store;

  public RestoreDefinitionRepository(Store store) {
    this.store = store;
  }

  public RestoreDefinition add(NewRestoreDefinition spec) {
    return store.change(new Change("restore-definition add", "backup " + spec.backupId(), spec.toString()), handle -> {
      long backup = Lookup.require(handle, Table.BACKUP, spec.backupId());
      long agent = Lookup.id(handle, Table.AGENT, spec.agent());
      long node = Lookup.id(handle, Table.NODE, spec.targetNode());
      Map<String, Object> source = handle.createQuery("select b.status, b.kind, b.databases, n.engine from backup b"
              + " join node n on n.id = b.node_id where b.id = :id")
          .bind("id", backup).mapToMap().one();
      if (!"SUCCEEDED".equals(source.get("status"))) {
        throw new CatalogValidationException("backup", backup, "backup " + backup + " is " + source.get("status"),
            "a SUCCEEDED backup");
      }
      String targetEngine = handle.createQuery("select engine from node where id = :id").bind("id", node)
          .mapTo(String.class).one();
      if (!targetEngine.equals(source.get("engine"))) {
        throw new CatalogValidationException("target-node", spec.targetNode(), "it is a " + targetEngine + " node",
            "a " + source.get("engine") + " node, like the one backed up");
      }
      String database = targetDatabase(spec, (String) source.get("kind"), (String) source.get("databases"));
      if (spec.renameExistingTo() != null && spec.renameExistingTo().equals(database)) {
        throw new CatalogValidationException("rename-existing-to", spec.renameExistingTo(),
            "a name other than the target database's");
      }
      Instant runAt = spec.runAt() != null ? spec.runAt() : store.now();
      long now = store.now().toEpochMilli();
      long id = handle.createUpdate("insert into restore_definition (backup_id, agent_id, target_node_id,"
              + " target_database, rename_existing_to, roles_policy, run_at, extra_parameters, status, remarks,"
              + " created_at, updated_at) values (:backup, :agent, :node, :database, :rename, :roles, :runAt, :extra,"
              + " 'WAITING', :remarks, :now, :now)")
          .bind("backup", backup)
          .bind("agent", agent)
          .bind("node", node)
          .bind("database", database)
          .bind("rename", spec.renameExistingTo())
          .bind("roles", spec.roles().name())
          .bind("runAt", runAt.toEpochMilli())
          .bind("extra", spec.extraParameters())
          .bind("remarks", spec.remarks())
          .bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    }, definition -> "ok: restore definition " + definition.id());
  }

  private static String targetDatabase(NewRestoreDefinition spec, String kind, String databases) {
    if (spec.targetDatabase() != null) {
      return spec.targetDatabase();
    }
    if (!databases.isEmpty() && !databases.contains(",")) {
      return databases;
    }
    if ("CLUSTER".equals(kind)) {
      return "";
    }
    throw new CatalogValidationException("target-database", null, "backup " + spec.backupId() + " holds databases "
        + databases, "the name of the database to restore into");
  }

  public List<RestoreDefinition> list() {
    return store.read(handle -> handle.createQuery(SELECT + " order by r.run_at, r.id")
        .map(RestoreDefinitionRepository::map).list());
  }

  public RestoreDefinition show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.RESTORE_DEFINITION, id)));
  }

  /** The WAITING restore definitions whose time has come, earliest first. */
  public List<RestoreDefinition> due(Instant now) {
    return store.read(handle -> handle.createQuery(SELECT + " where r.status = 'WAITING' and r.run_at <= :now"
            + " order by r.run_at, r.id")
        .bind("now", now.toEpochMilli()).map(RestoreDefinitionRepository::map).list());
  }

  public RestoreDefinition setStatus(long id, RunOnceStatus status) {
    return store.change(new Change("restore-definition status", "restore definition " + id, "status " + status),
        handle -> {
          Lookup.require(handle, Table.RESTORE_DEFINITION, id);
          handle.createUpdate("update restore_definition set status = :status, updated_at = :now where id = :id")
              .bind("status", status.name()).bind("now", store.now().toEpochMilli()).bind("id", id).execute();
          return load(handle, id);
        });
  }

  /** Removes a planned restore; restores it already ran keep their record. */
  public void remove(long id) {
    store.change(Change.of("restore-definition remove", "restore definition " + id), handle -> {
      Lookup.require(handle, Table.RESTORE_DEFINITION, id);
      return handle.createUpdate("delete from restore_definition where id = :id").bind("id", id).execute();
    });
  }

  private static RestoreDefinition load(Handle handle, long id) {
    return handle.createQuery(SELECT + " where r.id = :id").bind("id", id).map(RestoreDefinitionRepository::map).one();
  }

  private static RestoreDefinition map(ResultSet row, StatementContext context) throws SQLException {
    return new RestoreDefinition(
        row.getLong("id"),
        row.getLong("backup_id"),
        row.getString("agent_name"),
        row.getString("node_name"),
        row.getString("target_database"),
        Optional.ofNullable(row.getString("rename_existing_to")),
        RolesPolicy.valueOf(row.getString("roles_policy")),
        Columns.instant(row, "run_at"),
        row.getString("extra_parameters"),
        RunOnceStatus.valueOf(row.getString("status")),
        row.getString("remarks"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "updated_at"));
  }
}
