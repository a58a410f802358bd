package io.coffer.catalog.job;

import io.coffer.catalog.CatalogSettings;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The job queue.
 *
 * <p>{@link #claim} is what makes "several agents, each job once" hold. It is one UPDATE of the
 * oldest claimable QUEUED row. On PostgreSQL the row is picked with {@code FOR UPDATE SKIP LOCKED},
 * so concurrent agents never wait on or take the same row; on SQLite the statement runs inside a
 * transaction that began IMMEDIATE (see the connection pool), which holds the single write lock,
 * so claims are serialised.
 *
 * <p>Progress reports are not history events: they come every few seconds and live on the job row.
 */
public final class JobRepository {

  private static final String SELECT = "select j.*, a.name as agent_name, c.name as claimed_by_name from job j"
      + " left join agent a on a.id = j.agent_id left join agent c on c.id = j.claimed_by";

  private final Store store;

  public JobRepository(Store store) {
    this.store = store;
  }

  public Job enqueue(NewJob job) {
    return store.change(new Change("job enqueue", "job", job.toString()), handle -> {
      Long agent = job.agent() == null ? null : Lookup.id(handle, Table.AGENT, job.agent());
      requireIfSet(handle, Table.DEFINITION, job.definitionId());
      requireIfSet(handle, Table.ONEOFF, job.oneoffId());
      requireIfSet(handle, Table.RESTORE_DEFINITION, job.restoreDefinitionId());
      requireIfSet(handle, Table.BACKUP, job.backupId());
      long id = handle.createUpdate("insert into job (type, state, agent_id, definition_id, oneoff_id,"
              + " restore_definition_id, backup_id, parameters, created_at) values (:type, 'QUEUED', :agent,"
              + " :definition, :oneoff, :restoreDefinition, :backup, :parameters, :now)")
          .bind("type", job.type().name())
          .bind("agent", agent)
          .bind("definition", job.definitionId())
          .bind("oneoff", job.oneoffId())
          .bind("restoreDefinition", job.restoreDefinitionId())
          .bind("backup", job.backupId())
          .bind("parameters", job.parameters())
          .bind("now", store.now().toEpochMilli())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    }, queued -> "ok: job " + queued.id());
  }

  /**
   * Gives the agent the oldest QUEUED job it may run (one for it or for any agent) and marks it
   * RUNNING; empty when there is none, or when the agent is DOWN. Only a successful claim is
   * recorded in the history: agents poll.
   */
  public Optional<Job> claim(String agentReference) {
    String lock = store.dialect() == CatalogSettings.Dialect.POSTGRESQL ? " for update skip locked" : "";
    return store.change(Change.of("job claim", "agent " + agentReference), handle -> {
      long agent = Lookup.id(handle, Table.AGENT, agentReference);
      String status = handle.createQuery("select status from agent where id = :id").bind("id", agent)
          .mapTo(String.class).one();
      if (!status.equals("RUNNING")) {
        return Optional.<Job>empty();
      }
      long now = store.now().toEpochMilli();
      Optional<Long> claimed = handle.createQuery("update job set state = 'RUNNING', claimed_by = :agent,"
              + " claimed_at = :now, heartbeat_at = :now where id = (select id from job where state = 'QUEUED'"
              + " and (agent_id is null or agent_id = :agent) order by id limit 1" + lock + ") returning id")
          .bind("agent", agent).bind("now", now)
          .mapTo(Long.class).findOne();
      return claimed.map(id -> load(handle, id));
    }, job -> job.map(j -> "ok: job " + j.id()).orElse(null));
  }

  /**
   * Records progress (0-100) and a heartbeat for a RUNNING job; returns true when someone asked to
   * abort it, which the agent should then do.
   */
  public boolean progress(long id, double percent, String message) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new CatalogValidationException("progress", percent, "a percentage from 0 to 100");
    }
    return store.unrecorded(handle -> {
      Job job = load(handle, Lookup.require(handle, Table.JOB, id));
      requireRunning(job);
      handle.createUpdate("update job set progress = :progress, progress_message = :message, heartbeat_at = :now"
              + " where id = :id")
          .bind("progress", percent).bind("message", message == null ? "" : message)
          .bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      return job.abortRequested();
    });
  }

  /** Ends a RUNNING job as SUCCEEDED, FAILED or ABORTED. */
  public Job finish(long id, JobState state, String error) {
    if (!state.isFinal()) {
      throw new CatalogValidationException(JobState.FIELD, state, "SUCCEEDED, FAILED or ABORTED");
    }
    return store.change(new Change("job finish", "job " + id, state + (error == null ? "" : ": " + error)), handle -> {
      requireRunning(load(handle, Lookup.require(handle, Table.JOB, id)));
      handle.createUpdate("update job set state = :state, error = :error, finished_at = :now,"
              + " progress = case when :state = 'SUCCEEDED' then 100 else progress end where id = :id")
          .bind("state", state.name()).bind("error", error == null ? "" : error)
          .bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      return load(handle, id);
    });
  }

  /**
   * Asks for a job to stop: a QUEUED job is ABORTED at once; a RUNNING one is flagged, and its
   * agent sees the flag at its next progress report.
   */
  public Job requestAbort(long id) {
    return store.change(Change.of("job abort", "job " + id), handle -> {
      Job job = load(handle, Lookup.require(handle, Table.JOB, id));
      if (job.state().isFinal()) {
        throw new CatalogValidationException("job", id, "job " + id + " already ended " + job.state(),
            "a QUEUED or RUNNING job");
      }
      handle.createUpdate(job.state() == JobState.QUEUED
              ? "update job set state = 'ABORTED', error = 'aborted before it started', finished_at = :now where id = :id"
              : "update job set abort_requested = 1 where id = :id")
          .bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      return load(handle, id);
    });
  }

  /**
   * Fails the RUNNING jobs whose agent has not reported for {@code silence}: the agent died, and
   * the job must not look alive forever. They are not requeued, so no job runs twice.
   */
  public List<Long> failStale(Duration silence) {
    long cutoff = store.now().minus(silence).toEpochMilli();
    return store.change(new Change("job fail-stale", "jobs", "silent for " + silence), handle -> {
      List<Long> stale = handle.createQuery("select id from job where state = 'RUNNING' and heartbeat_at < :cutoff"
              + " order by id").bind("cutoff", cutoff).mapTo(Long.class).list();
      handle.createUpdate("update job set state = 'FAILED', error = 'no heartbeat from its agent',"
              + " finished_at = :now where state = 'RUNNING' and heartbeat_at < :cutoff")
          .bind("cutoff", cutoff).bind("now", store.now().toEpochMilli()).execute();
      return stale;
    }, stale -> stale.isEmpty() ? null : "ok: failed jobs " + stale);
  }

  /** Jobs newest first; {@code state} null for all states. */
  public List<Job> list(JobState state, int limit) {
    if (limit < 1) {
      throw new CatalogValidationException("limit", limit, "a whole number ≥ 1");
    }
    return store.read(handle -> {
      Query query = handle.createQuery(SELECT + (state == null ? "" : " where j.state = :state")
          + " order by j.id desc limit :limit").bind("limit", limit);
      if (state != null) {
        query.bind("state", state.name());
      }
      return query.map(JobRepository::map).list();
    });
  }

  public Job show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.JOB, id)));
  }

  private static void requireIfSet(Handle handle, Table table, Long id) {
    if (id != null) {
      Lookup.require(handle, table, id);
    }
  }

  private static void requireRunning(Job job) {
    if (job.state() != JobState.RUNNING) {
      throw new CatalogValidationException("job", job.id(), "job " + job.id() + " is " + job.state(), "a RUNNING job");
    }
  }

  private static Job load(Handle handle, long id) {
    return handle.createQuery(SELECT + " where j.id = :id").bind("id", id).map(JobRepository::map).one();
  }

  private static Job map(ResultSet row, StatementContext context) throws SQLException {
    return new Job(
        row.getLong("id"),
        JobType.valueOf(row.getString("type")),
        JobState.valueOf(row.getString("state")),
        row.getString("agent_name"),
        row.getString("claimed_by_name"),
        Columns.nullableLong(row, "definition_id"),
        Columns.nullableLong(row, "oneoff_id"),
        Columns.nullableLong(row, "restore_definition_id"),
        Columns.nullableLong(row, "backup_id"),
        row.getString("parameters"),
        row.getDouble("progress"),
        row.getString("progress_message"),
        row.getInt("abort_requested") != 0,
        row.getString("error"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "claimed_at"),
        Columns.instant(row, "heartbeat_at"),
        Columns.instant(row, "finished_at"));
  }
}
