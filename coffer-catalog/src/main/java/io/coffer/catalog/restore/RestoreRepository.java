package io.coffer.catalog.restore;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.run.InterruptedRuns;
import io.coffer.catalog.run.Runner;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Records restores as they start and end. */
public final class RestoreRepository {

  private static final String SELECT = "select r.*, a.name as agent_name, n.name as node_name from restore r"
      + " left join agent a on a.id = r.agent_id left join node n on n.id = r.target_node_id";

  private final Store store;

  public RestoreRepository(Store store) {
    this.store = store;
  }

  /** Records a restore that is starting. Only a SUCCEEDED backup can be restored. */
  public Restore start(RestoreStart start) {
    return store.change(new Change("restore start", "backup " + start.backupId(), start.toString()), handle -> {
      long backup = Lookup.require(handle, Table.BACKUP, start.backupId());
      long node = Lookup.id(handle, Table.NODE, start.targetNode());
      Long agent = start.agent() == null ? null : Lookup.id(handle, Table.AGENT, start.agent());
      if (start.restoreDefinitionId() != null) {
        Lookup.require(handle, Table.RESTORE_DEFINITION, start.restoreDefinitionId());
      }
      var source = handle.createQuery("select status, manifest_id from backup where id = :id").bind("id", backup)
          .mapToMap().one();
      if (!"SUCCEEDED".equals(source.get("status"))) {
        throw new CatalogValidationException("backup", backup, "backup " + backup + " is " + source.get("status"),
            "a SUCCEEDED backup");
      }
      Instant started = start.startedAt() != null ? start.startedAt() : store.now();
      long id = InterruptedRuns.bindRunner(handle.createUpdate("insert into restore (restore_definition_id, backup_id,"
              + " manifest_id, agent_id, target_node_id, target_database, renamed_existing_to, started_at, status,"
              + " runner_host, runner_pid, runner_started) values (:definition, :backup, :manifest, :agent, :node,"
              + " :database, :renamed, :started, 'RUNNING', :runnerHost, :runnerPid, :runnerStarted)")
          .bind("definition", start.restoreDefinitionId())
          .bind("backup", backup)
          .bind("manifest", (String) source.get("manifest_id"))
          .bind("agent", agent)
          .bind("node", node)
          .bind("database", start.targetDatabase())
          .bind("renamed", start.renamedExistingTo())
          .bind("started", started.toEpochMilli()), Runner.current())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    }, restore -> "ok: restore " + restore.id());
  }

  public Restore finish(long id, RestoreResult result) {
    return store.change(new Change("restore finish", "restore " + id, result.toString()), handle -> {
      Restore restore = load(handle, Lookup.require(handle, Table.RESTORE, id));
      if (restore.status() != RestoreStatus.RUNNING) {
        throw new CatalogValidationException("restore", id, "restore " + id + " is " + restore.status(), "a RUNNING restore");
      }
      Instant finished = result.finishedAt() != null ? result.finishedAt() : store.now();
      handle.createUpdate("update restore set status = :status, finished_at = :finished, duration_ms = :duration,"
              + " bytes_written = :bytes, error = :error, log_tail = :logTail, roles = :roles,"
              + " server_version = :server, tool_version = :tool where id = :id")
          .bind("status", result.status().name())
          .bind("finished", finished.toEpochMilli())
          .bind("duration", Duration.between(restore.startedAt(), finished).toMillis())
          .bind("bytes", result.bytesWritten())
          .bind("error", result.errorText())
          .bind("logTail", result.logTailText())
          .bind("roles", String.join("\n", result.roles()))
          .bind("server", result.serverVersion())
          .bind("tool", result.toolVersion())
          .bind("id", id)
          .execute();
      return load(handle, id);
    });
  }

  /** The newest restores first. */
  public List<Restore> list(int limit) {
    if (limit < 1) {
      throw new CatalogValidationException("limit", limit, "a whole number ≥ 1");
    }
    return store.read(handle -> handle.createQuery(SELECT + " order by r.started_at desc, r.id desc limit :limit")
        .bind("limit", limit).map(RestoreRepository::map).list());
  }

  public Restore show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.RESTORE, id)));
  }

  private static Restore load(Handle handle, long id) {
    return handle.createQuery(SELECT + " where r.id = :id").bind("id", id).map(RestoreRepository::map).one();
  }

  private static Restore map(ResultSet row, StatementContext context) throws SQLException {
    Long duration = Columns.nullableLong(row, "duration_ms");
    String roles = row.getString("roles");
    return new Restore(
        row.getLong("id"),
        Columns.nullableLong(row, "restore_definition_id"),
        Columns.nullableLong(row, "backup_id"),
        row.getString("manifest_id"),
        row.getString("agent_name"),
        row.getString("node_name"),
        row.getString("target_database"),
        row.getString("renamed_existing_to"),
        Columns.instant(row, "started_at"),
        Columns.instant(row, "finished_at"),
        duration == null ? null : Duration.ofMillis(duration),
        row.getLong("bytes_written"),
        RestoreStatus.valueOf(row.getString("status")),
        row.getString("error"),
        row.getString("log_tail"),
        roles.isEmpty() ? List.of() : Arrays.asList(roles.split("\n")),
        row.getString("server_version"),
        row.getString("tool_version"));
  }
}
