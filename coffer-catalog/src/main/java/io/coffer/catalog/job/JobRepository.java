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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The job queue.
 *
 * <p>{@link #claim} is what makes "several agents, each job once" hold. In one transaction it locks
 * the claiming agent's row (so its own {@code max_parallel_jobs} is counted exactly), picks the
 * oldest QUEUED jobs it may run with {@code FOR UPDATE SKIP LOCKED} (concurrent agents never wait
 * on or take the same row), and for each one locks its definition and node rows before counting
 * what already runs there: a run of a definition still running is SKIPPED, a job whose node is at
 * its {@code max_parallel_jobs} waits. On SQLite the transaction began IMMEDIATE (see the connection
 * pool) and holds the single write lock, so claims are serialised and the row locks are not needed.
 *
 * <p>A claim is a lease: the agent renews it with every heartbeat ({@link #renewLeases}); one that
 * ran out is ended by {@link #expireLeases}, which any agent or command may call. Only the holder of
 * a job's current attempt may report on it or end it, so a process that comes back after its job
 * was taken away cannot overwrite what the next attempt records.
 *
 * <p>Progress reports and heartbeats are not history events: they come every few seconds and live
 * on the job row.
 */
public final class JobRepository {

  private static final String SELECT = "select j.*, a.name as agent_name, c.name as claimed_by_name,"
      + " n.name as node_name from job j left join agent a on a.id = j.agent_id"
      + " left join agent c on c.id = j.claimed_by left join node n on n.id = j.node_id";
  /** How many queued jobs one claim looks at before giving up (the others wait for the next). */
  private static final int CANDIDATES = 32;
  /** The log of a job keeps its last characters. */
  private static final int LOG_LIMIT = 64 * 1024;

  private final Store store;

  public JobRepository(Store store) {
    this.store = store;
  }

  public Job enqueue(NewJob job) {
    return enqueueOnce(job).orElseThrow(() -> new CatalogValidationException("schedule key", job.scheduleKey(),
        "a job with this key is already queued or ran", "a key no other job has"));
  }

  /**
   * Queues the job unless one with the same schedule key exists; empty then. This is how a
   * scheduled run is queued once whichever agent or restart gets there first.
   */
  public Optional<Job> enqueueOnce(NewJob job) {
    return store.change(new Change("job enqueue", "job", job.toString()), handle -> {
      Long agent = job.agent() == null ? null : Lookup.id(handle, Table.AGENT, job.agent());
      Long node = job.node() == null ? null : Lookup.id(handle, Table.NODE, job.node());
      requireIfSet(handle, Table.DEFINITION, job.definitionId());
      requireIfSet(handle, Table.ONEOFF, job.oneoffId());
      requireIfSet(handle, Table.RESTORE_DEFINITION, job.restoreDefinitionId());
      requireIfSet(handle, Table.BACKUP, job.backupId());
      // SQLite hands back the last row id even when "do nothing" inserted nothing; its writers are
      // serialised, so looking first is exact there. On PostgreSQL the conflict clause decides.
      if (job.scheduleKey() != null && handle.createQuery("select count(*) from job where schedule_key = :key")
          .bind("key", job.scheduleKey()).mapTo(Integer.class).one() > 0) {
        return Optional.<Job>empty();
      }
      Optional<Long> id = handle.createUpdate("insert into job (type, state, agent_id, node_id, definition_id,"
              + " oneoff_id, restore_definition_id, backup_id, parameters, schedule_key, created_at) values (:type,"
              + " 'QUEUED', :agent, :node, :definition, :oneoff, :restoreDefinition, :backup, :parameters, :key, :now)"
              + " on conflict (schedule_key) do nothing")
          .bind("type", job.type().name())
          .bind("agent", agent)
          .bind("node", node)
          .bind("definition", job.definitionId())
          .bind("oneoff", job.oneoffId())
          .bind("restoreDefinition", job.restoreDefinitionId())
          .bind("backup", job.backupId())
          .bind("parameters", job.parameters())
          .bind("key", job.scheduleKey())
          .bind("now", store.now().toEpochMilli())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne();
      return id.map(i -> load(handle, i));
    }, queued -> queued.map(j -> "ok: job " + j.id()).orElse(null));
  }

  /**
   * Gives the agent the oldest QUEUED job it may run now (one for it or for any agent) and marks it
   * RUNNING under a lease; empty when there is none, when the agent is DOWN or already runs its
   * {@code max_parallel_jobs}. Queued runs of a definition that is still running are SKIPPED on the
   * way, with the reason. Only a claim or a skip is recorded in the history: agents poll.
   */
  public Optional<Job> claim(Claimant claimant) {
    boolean postgres = store.dialect() == CatalogSettings.Dialect.POSTGRESQL;
    // "no key update": these locks order claimers among themselves without blocking the foreign-key
    // checks of running jobs that insert backups naming the same agent, definition or node (a
    // FOR UPDATE here deadlocked with them). A definition or node another claim holds is passed
    // over rather than waited for, so two claims never wait on each other in opposite orders.
    String lockRow = postgres ? " for no key update" : "";
    String skipLocked = postgres ? " for no key update skip locked" : "";
    List<Job> skipped = new ArrayList<>();
    Optional<Job> claimed = store.change(Change.of("job claim", "agent " + claimant.agent()), handle -> {
      long agent = Lookup.id(handle, Table.AGENT, claimant.agent());
      String status = handle.createQuery("select status from agent where id = :id" + lockRow).bind("id", agent)
          .mapTo(String.class).one();
      if (!status.equals("RUNNING")
          || count(handle, "claimed_by", agent) >= limit(handle, "agent", agent)) {
        return Optional.<Job>empty();
      }
      long now = store.now().toEpochMilli();
      List<Candidate> candidates = handle.createQuery("select id, definition_id, node_id from job where state = 'QUEUED'"
              + " and (agent_id is null or agent_id = :agent) order by id limit " + CANDIDATES + skipLocked)
          .bind("agent", agent)
          .map((row, ctx) -> new Candidate(row.getLong("id"), Columns.nullableLong(row, "definition_id"),
              Columns.nullableLong(row, "node_id")))
          .list();
      for (Candidate candidate : candidates) {
        if (candidate.definition() != null) {
          if (handle.createQuery("select id from definition where id = :id" + skipLocked)
              .bind("id", candidate.definition()).mapTo(Long.class).findOne().isEmpty()) {
            continue;
          }
          Optional<Job> running = handle.createQuery(SELECT + " where j.definition_id = :definition"
                  + " and j.state = 'RUNNING' order by j.id limit 1")
              .bind("definition", candidate.definition()).map(JobRepository::map).findOne();
          if (running.isPresent()) {
            skip(handle, candidate.id(), running.get(), now);
            skipped.add(load(handle, candidate.id()));
            continue;
          }
        }
        if (candidate.node() != null) {
          if (handle.createQuery("select id from node where id = :id" + skipLocked).bind("id", candidate.node())
              .mapTo(Long.class).findOne().isEmpty()) {
            continue;
          }
          if (count(handle, "node_id", candidate.node()) >= limit(handle, "node", candidate.node())) {
            continue;
          }
        }
        // The time is taken after the counts: a job that ended before them ended before this claim.
        long claimedAt = store.now().toEpochMilli();
        handle.createUpdate("update job set state = 'RUNNING', claimed_by = :agent, claimed_at = :now,"
                + " heartbeat_at = :now, lease_expires_at = :expires, runner_host = :host, runner_pid = :pid,"
                + " phase = 'claimed', error = '' where id = :id")
            .bind("agent", agent).bind("now", claimedAt).bind("expires", claimedAt + claimant.lease().toMillis())
            .bind("host", claimant.host()).bind("pid", claimant.pid()).bind("id", candidate.id())
            .execute();
        return Optional.of(load(handle, candidate.id()));
      }
      return Optional.<Job>empty();
    }, job -> job.isEmpty() && skipped.isEmpty() ? null
        : "ok:" + job.map(j -> " job " + j.id()).orElse("") + (skipped.isEmpty() ? ""
            : " skipped " + skipped.stream().map(s -> Long.toString(s.id())).toList()));
    return claimed;
  }

  private record Candidate(long id, Long definition, Long node) {}

  private void skip(Handle handle, long id, Job running, long now) {
    String reason = "definition " + running.subject().definitionId() + " was still running in job " + running.id()
        + " (claimed by " + running.claimedBy() + " at " + running.claimedAt() + "); this run was skipped";
    handle.createUpdate("update job set state = 'SKIPPED', error = :reason, phase = 'skipped', finished_at = :now"
            + " where id = :id")
        .bind("reason", reason).bind("now", now).bind("id", id).execute();
  }

  /** RUNNING jobs whose {@code column} (claimed_by, node_id) is {@code id}. */
  private static int count(Handle handle, String column, long id) {
    return handle.createQuery("select count(*) from job where state = 'RUNNING' and " + column + " = :id")
        .bind("id", id).mapTo(Integer.class).one();
  }

  /** The effective {@code max_parallel_jobs} of an agent or node: its own value, else the default. */
  private static int limit(Handle handle, String scope, long id) {
    return handle.createQuery("select coalesce((select value from " + scope + "_config where " + scope + "_id = :id"
            + " and key = 'max_parallel_jobs'), (select value from config_default where scope = :scope"
            + " and key = 'max_parallel_jobs'), '1')")
        .bind("id", id).bind("scope", scope).mapTo(String.class).map(Integer::parseInt).one();
  }

  /**
   * The agent's heartbeat: records that it is alive and extends the lease of the jobs this process
   * of it runs now ({@code running}). Returns those of them someone asked to abort. A job the
   * process claimed but no longer runs is not renewed, so its lease runs out and it is ended.
   */
  public List<Long> renewLeases(Claimant claimant, java.util.Collection<Long> running) {
    return store.unrecorded(handle -> {
      long agent = Lookup.id(handle, Table.AGENT, claimant.agent());
      long now = store.now().toEpochMilli();
      handle.createUpdate("update agent set last_heartbeat = :now, alive_until = :expires where id = :id")
          .bind("now", now).bind("expires", now + claimant.lease().toMillis()).bind("id", agent).execute();
      if (running.isEmpty()) {
        return List.<Long>of();
      }
      handle.createUpdate("update job set heartbeat_at = :now, lease_expires_at = :expires where state = 'RUNNING'"
              + " and claimed_by = :agent and runner_host = :host and runner_pid = :pid and id in (<ids>)")
          .bind("now", now).bind("expires", now + claimant.lease().toMillis()).bind("agent", agent)
          .bind("host", claimant.host()).bind("pid", claimant.pid()).bindList("ids", List.copyOf(running)).execute();
      return handle.createQuery("select id from job where state = 'RUNNING' and claimed_by = :agent"
              + " and runner_host = :host and runner_pid = :pid and abort_requested = 1 and id in (<ids>) order by id")
          .bind("agent", agent).bind("host", claimant.host()).bind("pid", claimant.pid())
          .bindList("ids", List.copyOf(running)).mapTo(Long.class).list();
    });
  }

  /**
   * Records how far a RUNNING job is (and that it is alive); returns true when someone asked to abort
   * it, which its runner should then do.
   */
  public boolean report(Job job, JobProgress progress) {
    if (!(progress.percent() >= 0 && progress.percent() <= 100)) {
      throw new CatalogValidationException("progress", progress.percent(), "a percentage from 0 to 100");
    }
    return store.unrecorded(handle -> {
      requireHeld(handle, job);
      handle.createUpdate("update job set progress = :percent, phase = :phase, progress_message = :current,"
              + " bytes_done = :done, bytes_total = :total, bytes_per_second = :rate, heartbeat_at = :now"
              + " where id = :id")
          .bind("percent", progress.percent()).bind("phase", progress.phase()).bind("current", progress.current())
          .bind("done", progress.bytesDone()).bind("total", progress.bytesTotal())
          .bind("rate", progress.bytesPerSecond()).bind("now", store.now().toEpochMilli()).bind("id", job.id())
          .execute();
      return handle.createQuery("select abort_requested from job where id = :id").bind("id", job.id())
          .mapTo(Integer.class).one() != 0;
    });
  }

  /** The backup a RUNNING job is making, once its row exists: `backup abort ID` finds the job by it. */
  public void attachBackup(Job job, long backupId) {
    store.unrecorded(handle -> {
      requireHeld(handle, job);
      Lookup.require(handle, Table.BACKUP, backupId);
      return handle.createUpdate("update job set backup_id = :backup where id = :id")
          .bind("backup", backupId).bind("id", job.id()).execute();
    });
  }

  /** Adds a line to a job's log (its last 64 KiB are kept), stamped with the time. */
  public void log(long id, String line) {
    store.unrecorded(handle -> {
      String log = handle.createQuery("select log from job where id = :id").bind("id", Lookup.require(handle,
          Table.JOB, id)).mapTo(String.class).one();
      String appended = log + store.now() + " " + line.strip() + "\n";
      if (appended.length() > LOG_LIMIT) {
        appended = appended.substring(appended.indexOf('\n', appended.length() - LOG_LIMIT) + 1);
      }
      return handle.createUpdate("update job set log = :log where id = :id").bind("log", appended).bind("id", id)
          .execute();
    });
  }

  /** Ends a RUNNING job that the caller holds as SUCCEEDED, FAILED or ABORTED. */
  public Job finish(Job job, JobState state, String error) {
    if (!state.isFinal() || state == JobState.SKIPPED) {
      throw new CatalogValidationException(JobState.FIELD, state, "SUCCEEDED, FAILED or ABORTED");
    }
    String detail = state + (error == null || error.isEmpty() ? "" : ": " + error);
    return store.change(new Change("job finish", "job " + job.id(), detail), handle -> {
      requireHeld(handle, job);
      handle.createUpdate("update job set state = :state, error = :error, finished_at = :now, phase = :phase,"
              + " lease_expires_at = null, progress = case when :state = 'SUCCEEDED' then 100 else progress end"
              + " where id = :id")
          .bind("state", state.name()).bind("error", error == null ? "" : error)
          .bind("phase", finishedPhase(job.type(), state))
          .bind("now", store.now().toEpochMilli()).bind("id", job.id()).execute();
      return load(handle, job.id());
    });
  }

  /** The comment a finished job shows, in seed 004's words: "Backup has been successfully finished". */
  private static String finishedPhase(JobType type, JobState state) {
    String what = type.name().charAt(0) + type.name().substring(1).toLowerCase(java.util.Locale.ROOT);
    return switch (state) {
      case SUCCEEDED -> what + " has been successfully finished";
      case ABORTED -> what + " was aborted";
      default -> what + " failed";
    };
  }

  /**
   * Asks for a job to stop: a QUEUED job is ABORTED at once; a RUNNING one is flagged, and its
   * agent sees the flag at its next heartbeat or progress report.
   */
  public Job requestAbort(long id) {
    return store.change(Change.of("job abort", "job " + id), handle -> {
      Job job = load(handle, Lookup.require(handle, Table.JOB, id));
      if (job.state().isFinal()) {
        throw new CatalogValidationException("job", id, "job " + id + " already ended " + job.state(),
            "a QUEUED or RUNNING job");
      }
      handle.createUpdate(job.state() == JobState.QUEUED
              ? "update job set state = 'ABORTED', error = 'aborted before it started', phase = 'aborted',"
                  + " finished_at = :now where id = :id"
              : "update job set abort_requested = 1 where id = :id")
          .bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      return load(handle, id);
    });
  }

  /** The QUEUED or RUNNING job making this backup, if a job makes it. */
  public Optional<Job> ofBackup(long backupId) {
    return store.read(handle -> {
      Lookup.require(handle, Table.BACKUP, backupId);
      return handle.createQuery(SELECT + " where j.backup_id = :backup and j.state in ('QUEUED', 'RUNNING')"
          + " order by j.id desc limit 1").bind("backup", backupId).map(JobRepository::map).findOne();
    });
  }

  /**
   * Ends every RUNNING job whose lease ran out: its agent stopped answering (killed, its host gone,
   * cut off from the catalog). A job that has been tried fewer than {@code retries + 1} times is
   * QUEUED again for another attempt; the others are FAILED with the reason. The backup such a job
   * was making is FAILED too (nothing of it was committed), and so is the one-off or scheduled
   * restore it carried out, unless the job goes on.
   */
  public List<ExpiredJob> expireLeases(int retries) {
    return expireLeases(retries, null);
  }

  /**
   * Like {@link #expireLeases(int)}, but never the jobs of {@code self}: a live agent whose
   * heartbeat came late (a loaded host, a long pause) still runs them, and its next heartbeat renews
   * them; only others can tell that it stopped answering.
   */
  public List<ExpiredJob> expireLeases(int retries, Claimant self) {
    long now = store.now().toEpochMilli();
    List<Long> candidates = store.read(handle -> handle.createQuery("select id from job where state = 'RUNNING'"
            + " and lease_expires_at < :now and not (runner_host = :host and runner_pid = :pid) order by id")
        .bind("now", now).bind("host", self == null ? "" : self.host()).bind("pid", self == null ? -1 : self.pid())
        .mapTo(Long.class).list());
    if (candidates.isEmpty()) {
      return List.of();
    }
    return store.change(new Change("job expire", "jobs", "lease ran out for " + candidates), handle -> {
      List<ExpiredJob> expired = new ArrayList<>();
      for (long id : candidates) {
        Job job = load(handle, id);
        if (job.state() != JobState.RUNNING || job.lease().expiresAt() == null
            || job.lease().expiresAt().toEpochMilli() >= now) {
          continue;
        }
        String reason = "agent " + job.claimedBy() + " stopped answering at " + job.lease().heartbeatAt()
            + " (its lease ran out at " + job.lease().expiresAt() + ")";
        boolean requeue = job.attempt() <= retries;
        if (requeue) {
          handle.createUpdate("update job set state = 'QUEUED', attempt = attempt + 1, claimed_by = null,"
                  + " claimed_at = null, heartbeat_at = null, lease_expires_at = null, runner_host = '',"
                  + " runner_pid = null, abort_requested = 0, phase = 'queued again', backup_id = null,"
                  + " error = :error where id = :id")
              .bind("error", "attempt " + job.attempt() + ": " + reason).bind("id", id).execute();
        } else {
          handle.createUpdate("update job set state = 'FAILED', error = :error, phase = :phase, finished_at = :now,"
                  + " lease_expires_at = null where id = :id")
              .bind("error", reason).bind("phase", finishedPhase(job.type(), JobState.FAILED)).bind("now", now)
              .bind("id", id).execute();
          failOwner(handle, job, reason, now);
        }
        String volume = null;
        if (job.subject().backupId() != null) {
          handle.createUpdate("update backup set status = 'FAILED', error = :error, finished_at = :now,"
                  + " duration_ms = :now - started_at where id = :id and status = 'RUNNING'")
              .bind("error", reason + "; nothing of it was committed to its volume").bind("now", now)
              .bind("id", job.subject().backupId()).execute();
          volume = handle.createQuery("select v.location from backup b join volume v on v.id = b.volume_id"
              + " where b.id = :id").bind("id", job.subject().backupId()).mapTo(String.class).findOne().orElse(null);
        }
        expired.add(new ExpiredJob(load(handle, id), reason, requeue, volume, job.lease().runnerHost(),
            job.lease().runnerPid()));
      }
      return expired;
    }, expired -> expired.isEmpty() ? null : "ok: " + expired.stream()
        .map(e -> "job " + e.job().id() + (e.requeued() ? " queued again" : " failed")).toList());
  }

  private static void failOwner(Handle handle, Job job, String reason, long now) {
    if (job.subject().oneoffId() != null) {
      handle.createUpdate("update oneoff set status = 'FAILED', updated_at = :now where id = :id and status = 'WAITING'")
          .bind("now", now).bind("id", job.subject().oneoffId()).execute();
    }
    if (job.subject().restoreDefinitionId() != null) {
      handle.createUpdate("update restore_definition set status = 'FAILED', error = :error, updated_at = :now"
              + " where id = :id and status = 'WAITING'")
          .bind("error", "job " + job.id() + ": " + reason).bind("now", now)
          .bind("id", job.subject().restoreDefinitionId()).execute();
    }
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

  /** How many QUEUED jobs this agent could claim (its own and those for any agent). */
  public int queuedFor(String agentReference) {
    return store.read(handle -> handle.createQuery("select count(*) from job where state = 'QUEUED'"
            + " and (agent_id is null or agent_id = :agent)")
        .bind("agent", Lookup.id(handle, Table.AGENT, agentReference)).mapTo(Integer.class).one());
  }

  /** The RUNNING jobs that are making backups, by backup id: what {@code backup list --running} shows. */
  public List<Job> runningBackups() {
    return store.read(handle -> handle.createQuery(SELECT + " where j.state = 'RUNNING' and j.backup_id is not null"
        + " order by j.id").map(JobRepository::map).list());
  }

  public Job show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.JOB, id)));
  }

  /** A job's log, oldest line first. */
  public String logOf(long id) {
    return store.read(handle -> handle.createQuery("select log from job where id = :id")
        .bind("id", Lookup.require(handle, Table.JOB, id)).mapTo(String.class).one());
  }

  /**
   * When each definition of the agent last had a run queued by its schedule: how an agent starting
   * up knows which runs it missed while it was down.
   */
  public java.util.Map<Long, Instant> lastScheduled(String agentReference) {
    return store.read(handle -> {
      long agent = Lookup.id(handle, Table.AGENT, agentReference);
      java.util.Map<Long, Instant> last = new java.util.HashMap<>();
      handle.createQuery("select definition_id, max(created_at) as queued from job where agent_id = :agent"
              + " and definition_id is not null and schedule_key is not null group by definition_id")
          .bind("agent", agent)
          .map((row, ctx) -> java.util.Map.entry(row.getLong("definition_id"), Instant.ofEpochMilli(row.getLong("queued"))))
          .forEach(e -> last.put(e.getKey(), e.getValue()));
      return last;
    });
  }

  private static void requireIfSet(Handle handle, Table table, Long id) {
    if (id != null) {
      Lookup.require(handle, table, id);
    }
  }

  /** Fails unless the job is RUNNING in the attempt the caller claimed. */
  private static void requireHeld(Handle handle, Job job) {
    Job now = load(handle, Lookup.require(handle, Table.JOB, job.id()));
    if (now.state() != JobState.RUNNING || now.attempt() != job.attempt()) {
      throw new CatalogValidationException("job", job.id(), "job " + job.id() + " is " + now.state() + " in attempt "
          + now.attempt() + (now.error().isEmpty() ? "" : " (" + now.error() + ")"),
          "a RUNNING job in the attempt its runner claimed (" + job.attempt() + ")");
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
        new JobSubject(Columns.nullableLong(row, "definition_id"), Columns.nullableLong(row, "oneoff_id"),
            Columns.nullableLong(row, "restore_definition_id"), Columns.nullableLong(row, "backup_id"),
            row.getString("node_name")),
        row.getString("schedule_key"),
        row.getString("parameters"),
        new JobProgress(row.getString("phase"), row.getString("progress_message"), row.getLong("bytes_done"),
            row.getLong("bytes_total"), row.getLong("bytes_per_second"), row.getDouble("progress")),
        new JobLease(Columns.instant(row, "claimed_at"), Columns.instant(row, "heartbeat_at"),
            Columns.instant(row, "lease_expires_at"), row.getString("runner_host"),
            Columns.nullableLong(row, "runner_pid")),
        row.getInt("attempt"),
        row.getInt("abort_requested") != 0,
        row.getString("error"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "finished_at"));
  }
}
