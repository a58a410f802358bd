package io.coffer.catalog.verification;

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
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Records verifications as they start and end. */
public final class VerificationRepository {

  private static final String SELECT = "select v.*, a.name as agent_name, n.name as node_name from verification v"
      + " left join agent a on a.id = v.agent_id left join node n on n.id = v.node_id";
  private static final String NEWEST_FIRST = " order by v.started_at desc, v.id desc";

  private final Store store;

  public VerificationRepository(Store store) {
    this.store = store;
  }

  /** Records a verification that is starting. Only a SUCCEEDED backup can be verified. */
  public Verification start(VerificationStart start) {
    return store.change(new Change("verification start", "backup " + start.backupId(), start.toString()), handle -> {
      long backup = Lookup.require(handle, Table.BACKUP, start.backupId());
      long node = Lookup.id(handle, Table.NODE, start.node());
      Long agent = start.agent() == null ? null : Lookup.id(handle, Table.AGENT, start.agent());
      String status = handle.createQuery("select status from backup where id = :id").bind("id", backup)
          .mapTo(String.class).one();
      if (!"SUCCEEDED".equals(status)) {
        throw new CatalogValidationException("backup", backup, "backup " + backup + " is " + status,
            "a SUCCEEDED backup");
      }
      Instant started = start.startedAt() != null ? start.startedAt() : store.now();
      long id = InterruptedRuns.bindRunner(handle.createUpdate("insert into verification (backup_id, node_id, agent_id,"
              + " scratch_databases, scope, started_at, status, runner_host, runner_pid, runner_started) values (:backup,"
              + " :node, :agent, :scratch, :scope, :started, 'RUNNING', :runnerHost, :runnerPid, :runnerStarted)")
          .bind("backup", backup)
          .bind("node", node)
          .bind("agent", agent)
          .bind("scratch", String.join("\n", start.scratchDatabases()))
          .bind("scope", start.scope().name())
          .bind("started", started.toEpochMilli()), Runner.current())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    }, verification -> "ok: verification " + verification.id());
  }

  public Verification finish(long id, VerificationResult result) {
    return store.change(new Change("verification finish", "verification " + id, result.toString()), handle -> {
      Verification verification = load(handle, Lookup.require(handle, Table.VERIFICATION, id));
      if (verification.status() != VerificationStatus.RUNNING) {
        throw new CatalogValidationException("verification", id, "verification " + id + " is "
            + verification.status(), "a RUNNING verification");
      }
      Instant finished = result.finishedAt() != null ? result.finishedAt() : store.now();
      handle.createUpdate("update verification set status = :status, finished_at = :finished,"
              + " duration_ms = :duration, tables_checked = :tables, rows_checked = :rows,"
              + " differences = :differences, error = :error where id = :id")
          .bind("status", result.status().name())
          .bind("finished", finished.toEpochMilli())
          .bind("duration", Duration.between(verification.startedAt(), finished).toMillis())
          .bind("tables", result.tablesChecked())
          .bind("rows", result.rowsChecked())
          .bind("differences", String.join("\n", result.differences()))
          .bind("error", result.errorText())
          .bind("id", id)
          .execute();
      return load(handle, id);
    });
  }

  /** The verifications of a backup, newest first. */
  public List<Verification> list(long backupId) {
    return store.read(handle -> handle.createQuery(SELECT + " where v.backup_id = :backup" + NEWEST_FIRST)
        .bind("backup", Lookup.require(handle, Table.BACKUP, backupId)).map(VerificationRepository::map).list());
  }

  /** The newest verification of a backup, if it was ever verified. */
  public Optional<Verification> latest(long backupId) {
    return store.read(handle -> handle.createQuery(SELECT + " where v.backup_id = :backup" + NEWEST_FIRST + " limit 1")
        .bind("backup", Lookup.require(handle, Table.BACKUP, backupId)).map(VerificationRepository::map).findOne());
  }

  public Verification show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.VERIFICATION, id)));
  }

  private static Verification load(Handle handle, long id) {
    return handle.createQuery(SELECT + " where v.id = :id").bind("id", id).map(VerificationRepository::map).one();
  }

  private static Verification map(ResultSet row, StatementContext context) throws SQLException {
    Long duration = Columns.nullableLong(row, "duration_ms");
    return new Verification(
        row.getLong("id"),
        row.getLong("backup_id"),
        row.getString("node_name"),
        row.getString("agent_name"),
        lines(row.getString("scratch_databases")),
        VerificationScope.valueOf(row.getString("scope")),
        Columns.instant(row, "started_at"),
        Columns.instant(row, "finished_at"),
        duration == null ? null : Duration.ofMillis(duration),
        VerificationStatus.valueOf(row.getString("status")),
        row.getLong("tables_checked"),
        row.getLong("rows_checked"),
        lines(row.getString("differences")),
        row.getString("error"));
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }
}
