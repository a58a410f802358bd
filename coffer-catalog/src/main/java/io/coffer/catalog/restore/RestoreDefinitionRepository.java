package io.coffer.catalog.restore;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.model.RolePolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Plans restores. A restore definition is refused for a backup that did not succeed, onto a node of
 * another engine, with a target database for a backup of several databases, or with both a target
 * database and timestamped names.
 *
 * <p>An agent carries out a definition once: {@link #take} marks it started in one conditional
 * UPDATE, so of two processes of the agent that see it due only one gets it; {@link #finish} records
 * DONE or FAILED with the reason.
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
        throw new RestoreRefusal(RestoreOption.TARGET_NODE, spec.targetNode(), "it is a " + targetEngine + " node",
            "a " + source.get("engine") + " node, like the one backed up");
      }
      String database = targetDatabase(spec, (String) source.get("kind"), (String) source.get("databases"));
      spec.files().requireTreeBackup(backup, Kind.valueOf((String) source.get("kind")));
      Instant runAt = spec.runAt() != null ? spec.runAt() : store.now();
      long now = store.now().toEpochMilli();
      long id = handle.createUpdate("insert into restore_definition (backup_id, agent_id, target_node_id,"
              + " target_database, timestamped, existing_policy, roles_policy, jobs, keep_failed, target_directory,"
              + " restore_path, force_into_non_empty, external_symlinks, tablespace_map, run_at, extra_parameters,"
              + " status, remarks, created_at, updated_at) values (:backup, :agent, :node, :database, :timestamped,"
              + " :existing, :roles, :jobs, :keepFailed, :directory, :path, :force, :externalSymlinks, :tablespaces,"
              + " :runAt, :extra, 'WAITING', :remarks, :now, :now)")
          .bind("backup", backup)
          .bind("agent", agent)
          .bind("node", node)
          .bind("database", database)
          .bind("timestamped", spec.isTimestamped() ? 1 : 0)
          .bind("existing", spec.existing().name())
          .bind("roles", spec.roles().name())
          .bind("jobs", spec.jobs())
          .bind("keepFailed", spec.isKeepFailed() ? 1 : 0)
          .bind("directory", spec.files().directory() == null ? "" : spec.files().directory())
          .bind("path", spec.files().path() == null ? "" : spec.files().path())
          .bind("force", spec.files().force() ? 1 : 0)
          .bind("externalSymlinks", spec.files().externalSymlinks() ? 1 : 0)
          .bind("tablespaces", spec.files().tablespaces().text())
          .bind("runAt", runAt.toEpochMilli())
          .bind("extra", spec.extraParameters())
          .bind("remarks", spec.remarks())
          .bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    }, definition -> "ok: restore definition " + definition.id());
  }

  /** The target name as the drivers take it: empty for "each database under its own (or timestamped) name". */
  private static String targetDatabase(NewRestoreDefinition spec, String kind, String databases) {
    if (spec.targetDatabase() == null) {
      return "";
    }
    if (spec.isTimestamped()) {
      throw new RestoreRefusal(RestoreOption.AS_TIMESTAMPED, spec.targetDatabase(),
          "give either " + RestoreOption.TARGET_DATABASE + " or " + RestoreOption.AS_TIMESTAMPED + ", not both");
    }
    if ("CLUSTER".equals(kind) || databases.contains(",")) {
      throw new RestoreRefusal(RestoreOption.TARGET_DATABASE, spec.targetDatabase(), "backup " + spec.backupId()
          + " holds databases " + (databases.isEmpty() ? "(all of a cluster)" : databases),
          "no target database: a backup of several databases is restored under its own or timestamped names");
    }
    return spec.targetDatabase();
  }

  public List<RestoreDefinition> list() {
    return store.read(handle -> handle.createQuery(SELECT + " order by r.run_at, r.id")
        .map(RestoreDefinitionRepository::map).list());
  }

  public RestoreDefinition show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.RESTORE_DEFINITION, id)));
  }

  /** The restore definitions of this agent whose time has come and that no one took yet, earliest first. */
  public List<RestoreDefinition> due(String agentReference, Instant now) {
    return store.read(handle -> {
      long agent = Lookup.id(handle, Table.AGENT, agentReference);
      return handle.createQuery(SELECT + " where r.status = 'WAITING' and r.started_at is null and r.run_at <= :now"
              + " and r.agent_id = :agent order by r.run_at, r.id")
          .bind("now", now.toEpochMilli()).bind("agent", agent).map(RestoreDefinitionRepository::map).list();
    });
  }

  /** Marks a due definition started; false when another process took it first. */
  public boolean take(long id) {
    return store.change(Change.of("restore-definition take", "restore definition " + id), handle -> {
      Lookup.require(handle, Table.RESTORE_DEFINITION, id);
      long now = store.now().toEpochMilli();
      return handle.createUpdate("update restore_definition set started_at = :now, updated_at = :now"
              + " where id = :id and status = 'WAITING' and started_at is null")
          .bind("now", now).bind("id", id).execute() == 1;
    }, taken -> taken ? "ok: restore definition " + id : null);
  }

  /** Records how a definition ended: DONE, or FAILED with the reason. */
  public RestoreDefinition finish(long id, RunOnceStatus status, String error) {
    if (status == RunOnceStatus.WAITING) {
      throw new CatalogValidationException(RunOnceStatus.FIELD, status, "DONE or FAILED");
    }
    String reason = error == null ? "" : error;
    return store.change(new Change("restore-definition finish", "restore definition " + id,
        status + (reason.isEmpty() ? "" : ": " + reason)), handle -> {
          Lookup.require(handle, Table.RESTORE_DEFINITION, id);
          handle.createUpdate("update restore_definition set status = :status, error = :error, updated_at = :now"
                  + " where id = :id")
              .bind("status", status.name()).bind("error", reason).bind("now", store.now().toEpochMilli())
              .bind("id", id).execute();
          return load(handle, id);
        });
  }

  /** Removes a planned restore; restores it already ran keep their record. One being carried out stays. */
  public void remove(long id) {
    store.change(Change.of("restore-definition remove", "restore definition " + id), handle -> {
      RestoreDefinition definition = load(handle, Lookup.require(handle, Table.RESTORE_DEFINITION, id));
      if (definition.isRunning()) {
        throw new CatalogValidationException("restore definition", id, "agent " + definition.agent()
            + " is carrying it out since " + definition.startedAt(), "a restore definition that is not running");
      }
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
        row.getInt("timestamped") != 0,
        ExistingPolicy.valueOf(row.getString("existing_policy")),
        RolePolicy.valueOf(row.getString("roles_policy")),
        row.getInt("jobs"),
        row.getInt("keep_failed") != 0,
        new FilesTarget(row.getString("target_directory"), row.getString("restore_path"),
            row.getInt("force_into_non_empty") != 0, row.getInt("external_symlinks") != 0,
            TablespaceMap.stored(row.getString("tablespace_map"))),
        Columns.instant(row, "run_at"),
        row.getString("extra_parameters"),
        RunOnceStatus.valueOf(row.getString("status")),
        Columns.instant(row, "started_at"),
        row.getString("error"),
        row.getString("remarks"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "updated_at"));
  }
}
