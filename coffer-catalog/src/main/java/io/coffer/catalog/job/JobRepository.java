package io.coffer.catalog.job;

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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The job queue.
 *
 * <p>{@link #claim(Claimant, int)} is what makes "several agents, each job once" hold: one
 * transaction takes a batch of the oldest QUEUED jobs under row locks that concurrent claimers pass
 * over ({@link JobClaim}); a run of a definition still running is SKIPPED, a job whose node is at
 * its {@code max_parallel_jobs} waits. {@link #enqueueAll} queues the runs that came due together
 * in one transaction as well, each under its schedule key, so that no run is queued twice.
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
      Optional<Long> id = insert(handle, job, agent, node);
      return id.map(i -> load(handle, i));
    }, queued -> queued.map(j -> "ok: job " + j.id()).orElse(null));
  }

  /**
   * Records a job that the calling process runs itself (a backup run by hand), RUNNING at once
   * under the claimant's lease, which the process renews with {@link #report(Job, JobProgress,
   * java.time.Duration)}: it is listed, shows its progress and can be aborted like an agent's job,
   * and when the process dies its lease runs out and it is ended like one — but never queued again,
   * since no agent could run it. It is held by the claimant's agent when that agent is registered,
   * and counts against its and its node's {@code max_parallel_jobs}.
   */
  public Job startHeld(NewJob job, Claimant claimant) {
    if (!job.isByHand()) {
      throw new CatalogValidationException("parameters", job.parameters(), "a job run by hand (NewJob.byHand)");
    }
    return store.change(new Change("job start", "job", job.toString()), handle -> {
      Long agent = handle.createQuery("select id from agent where name = :name").bind("name", claimant.agent())
          .mapTo(Long.class).findOne().orElse(null);
      Long node = job.node() == null ? null : Lookup.id(handle, Table.NODE, job.node());
      requireIfSet(handle, Table.DEFINITION, job.definitionId());
      requireIfSet(handle, Table.ONEOFF, job.oneoffId());
      long now = store.now().toEpochMilli();
      long id = handle.createQuery("insert into job (type, state, agent_id, claimed_by, node_id, definition_id,"
              + " oneoff_id, parameters, created_at, claimed_at, heartbeat_at, lease_expires_at, runner_host,"
              + " runner_pid, phase, log) values (:type, 'RUNNING', :agent, :agent, :node, :definition, :oneoff,"
              + " :parameters, :now, :now, :now, :expires, :host, :pid, 'started', :log) returning id")
          .bind("type", job.type().name()).bind("agent", agent).bind("node", node)
          .bind("definition", job.definitionId()).bind("oneoff", job.oneoffId()).bind("parameters", job.parameters())
          .bind("now", now).bind("expires", now + claimant.lease().toMillis()).bind("host", claimant.host())
          .bind("pid", claimant.pid())
          .bind("log", store.now() + " " + job.parameters() + " on " + claimant.host() + " (pid " + claimant.pid()
              + ")\n")
          .mapTo(Long.class).one();
      return load(handle, id);
    }, started -> "ok: job " + started.id());
  }

  /**
   * Queues these jobs in one transaction, each unless a job with its schedule key exists already or
   * what it is about (definition, one-off, scheduled restore, backup) is gone; returns the jobs
   * queued. This is how an agent queues the runs that came due at once: one transaction and one
   * history row for all of them, where a transaction each held the last ones seconds past their time.
   */
  public List<Job> enqueueAll(List<NewJob> jobs) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    return store.change(new Change("job enqueue", "jobs", jobs.size() + " job(s), first " + jobs.get(0)), handle -> {
      Map<Table, Set<Long>> present = new EnumMap<>(Table.class);
      present.put(Table.DEFINITION, existing(handle, Table.DEFINITION, jobs.stream().map(NewJob::definitionId)));
      present.put(Table.ONEOFF, existing(handle, Table.ONEOFF, jobs.stream().map(NewJob::oneoffId)));
      present.put(Table.RESTORE_DEFINITION, existing(handle, Table.RESTORE_DEFINITION,
          jobs.stream().map(NewJob::restoreDefinitionId)));
      present.put(Table.BACKUP, existing(handle, Table.BACKUP, jobs.stream().map(NewJob::backupId)));
      Map<String, Long> ids = new HashMap<>();
      List<Long> queued = new ArrayList<>();
      for (NewJob job : jobs) {
        if (gone(present.get(Table.DEFINITION), job.definitionId()) || gone(present.get(Table.ONEOFF), job.oneoffId())
            || gone(present.get(Table.RESTORE_DEFINITION), job.restoreDefinitionId())
            || gone(present.get(Table.BACKUP), job.backupId())) {
          continue;
        }
        Long agent = job.agent() == null ? null
            : ids.computeIfAbsent("agent " + job.agent(), k -> Lookup.id(handle, Table.AGENT, job.agent()));
        Long node = job.node() == null ? null
            : ids.computeIfAbsent("node " + job.node(), k -> Lookup.id(handle, Table.NODE, job.node()));
        insert(handle, job, agent, node).ifPresent(queued::add);
      }
      return queued.isEmpty() ? List.<Job>of() : handle.createQuery(SELECT + " where j.id in (<ids>) order by j.id")
          .bindList("ids", queued).map(JobRepository::map).list();
    }, queued -> queued.isEmpty() ? null : "ok: jobs " + queued.stream().map(Job::id).toList());
  }

  /** Inserts a QUEUED job unless its schedule key is taken; its id when inserted. */
  private Optional<Long> insert(Handle handle, NewJob job, Long agent, Long node) {
    // RETURNING gives a row only when one was inserted, on both dialects (SQLite's generated keys
    // would hand back the last row id even when "do nothing" inserted nothing).
    return handle.createQuery("insert into job (type, state, agent_id, node_id, definition_id, oneoff_id,"
            + " restore_definition_id, backup_id, parameters, schedule_key, created_at) values (:type, 'QUEUED', :agent,"
            + " :node, :definition, :oneoff, :restoreDefinition, :backup, :parameters, :key, :now)"
            + " on conflict (schedule_key) do nothing returning id")
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
        .mapTo(Long.class).findOne();
  }

  /** The ids among these (nulls ignored) that exist in {@code table}. */
  private static Set<Long> existing(Handle handle, Table table, java.util.stream.Stream<Long> ids) {
    List<Long> asked = ids.filter(java.util.Objects::nonNull).distinct().toList();
    return asked.isEmpty() ? Set.of() : new HashSet<>(handle.createQuery("select id from " + table.sqlName()
        + " where id in (<ids>)").bindList("ids", asked).mapTo(Long.class).list());
  }

  private static boolean gone(Set<Long> present, Long id) {
    return id != null && !present.contains(id);
  }

  /** Like {@link #claim(Claimant, int)} for one job. */
  public Optional<Job> claim(Claimant claimant) {
    return claim(claimant, 1).stream().findFirst();
  }

  /**
   * Gives the agent up to {@code most} of the oldest QUEUED jobs it may run now (its own and those
   * for any agent), marked RUNNING under a lease; none when the agent is DOWN or already runs its
   * {@code max_parallel_jobs}. Queued runs of a definition that is still running are SKIPPED on the
   * way, with the reason. One transaction and, only when it took or skipped something, one history
   * row for the whole batch: agents poll. See {@link JobClaim} for how it stays exact under
   * concurrent claimers.
   */
  public List<Job> claim(Claimant claimant, int most) {
    if (most < 1) {
      throw new CatalogValidationException("most", most, "a whole number ≥ 1");
    }
    JobClaim[] done = new JobClaim[1];
    return store.change(Change.of("job claim", "agent " + claimant.agent()), handle -> {
      JobClaim claim = new JobClaim(handle, claimant, store.dialect());
      done[0] = claim;
      claim.take(most, () -> store.now().toEpochMilli(), store.now() + " claimed by agent " + claimant.agent()
          + " on " + claimant.host() + " (pid " + claimant.pid() + ", attempt ");
      long now = store.now().toEpochMilli();
      for (JobClaim.Skip skip : claim.skipped) {
        skip(handle, skip.id(), load(handle, skip.holder()), now);
      }
      return claim.taken.isEmpty() ? List.<Job>of() : handle.createQuery(SELECT + " where j.id in (<ids>) order by j.id")
          .bindList("ids", claim.taken).map(JobRepository::map).list();
    }, jobs -> jobs.isEmpty() && done[0].skipped.isEmpty() ? null
        : "ok:" + (jobs.isEmpty() ? "" : " jobs " + jobs.stream().map(Job::id).toList())
            + (done[0].skipped.isEmpty() ? "" : " skipped " + done[0].skipped.stream().map(JobClaim.Skip::id).toList()));
  }

  private void skip(Handle handle, long id, Job running, long now) {
    String reason = "definition " + running.subject().definitionId() + " was still running in job " + running.id()
        + " (claimed by " + running.claimedBy() + " at " + running.claimedAt() + "); this run was skipped";
    handle.createUpdate("update job set state = 'SKIPPED', error = :reason, phase = 'skipped', finished_at = :now"
            + " where id = :id")
        .bind("reason", reason).bind("now", now).bind("id", id).execute();
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
    return report(job, progress, null);
  }

  /**
   * Like {@link #report(Job, JobProgress)}, and extends the job's lease by {@code lease} from now:
   * the heartbeat of a job a process runs by itself ({@link #startHeld}).
   */
  public boolean report(Job job, JobProgress progress, java.time.Duration lease) {
    if (!(progress.percent() >= 0 && progress.percent() <= 100)) {
      throw new CatalogValidationException("progress", progress.percent(), "a percentage from 0 to 100");
    }
    return store.unrecorded(handle -> {
      requireHeld(handle, job);
      long now = store.now().toEpochMilli();
      handle.createUpdate("update job set progress = :percent, phase = :phase, progress_message = :current,"
              + " bytes_done = :done, bytes_total = :total, bytes_per_second = :rate, heartbeat_at = :now"
              + (lease == null ? "" : ", lease_expires_at = :expires") + " where id = :id")
          .bind("percent", progress.percent()).bind("phase", progress.phase()).bind("current", progress.current())
          .bind("done", progress.bytesDone()).bind("total", progress.bytesTotal())
          .bind("rate", progress.bytesPerSecond()).bind("now", now)
          .bind("expires", lease == null ? null : now + lease.toMillis()).bind("id", job.id())
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
    store.unrecorded(handle -> appendLog(handle, Lookup.require(handle, Table.JOB, id), line));
  }

  private int appendLog(Handle handle, long id, String line) {
    String log = handle.createQuery("select log from job where id = :id").bind("id", id).mapTo(String.class).one();
    String appended = log + store.now() + " " + line.strip() + "\n";
    if (appended.length() > LOG_LIMIT) {
      appended = appended.substring(appended.indexOf('\n', appended.length() - LOG_LIMIT) + 1);
    }
    return handle.createUpdate("update job set log = :log where id = :id").bind("log", appended).bind("id", id)
        .execute();
  }

  /** Ends a RUNNING job that the caller holds as SUCCEEDED, FAILED or ABORTED. */
  public Job finish(Job job, JobState state, String error) {
    return finish(job, state, error, null, null);
  }

  /**
   * Ends a RUNNING job that the caller holds as SUCCEEDED, FAILED or ABORTED, with its last progress
   * ({@code progress}, null to keep what was reported) and a last line for its log ({@code
   * logLine}, null for none): one transaction, where a log, a report and an end took three.
   */
  public Job finish(Job job, JobState state, String error, JobProgress progress, String logLine) {
    if (!state.isFinal() || state == JobState.SKIPPED) {
      throw new CatalogValidationException(JobState.FIELD, state, "SUCCEEDED, FAILED or ABORTED");
    }
    String detail = state + (error == null || error.isEmpty() ? "" : ": " + error);
    return store.change(new Change("job finish", "job " + job.id(), detail), handle -> {
      requireHeld(handle, job);
      if (progress != null) {
        handle.createUpdate("update job set bytes_done = :done, bytes_total = :total, bytes_per_second = :rate,"
                + " progress_message = :current, progress = :percent where id = :id")
            .bind("done", progress.bytesDone()).bind("total", progress.bytesTotal())
            .bind("rate", progress.bytesPerSecond()).bind("current", progress.current())
            .bind("percent", progress.percent()).bind("id", job.id()).execute();
      }
      if (logLine != null) {
        appendLog(handle, job.id(), logLine);
      }
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
        String who = job.byHand() ? "the process that ran it by hand (pid " + job.lease().runnerPid() + " on "
            + job.lease().runnerHost() + ")" : "agent " + job.claimedBy();
        String reason = who + " stopped answering at " + job.lease().heartbeatAt() + " (its lease ran out at "
            + job.lease().expiresAt() + ")";
        // A job run by hand has no agent that could run it again.
        boolean requeue = job.attempt() <= retries && !job.byHand();
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

  /**
   * The BACKUP jobs of a node, for "the newest backup of this database": its RUNNING ones, then its
   * QUEUED ones, each newest first, then its newest {@code limit} of any state (a job that is
   * running or queued comes twice). One query, and every part of it reads only this node's backup
   * jobs through the index {@code job_node_backup} (node, type, id): the newest part in index order
   * and stops after {@code limit}, the active parts filter the node's range by state. Its cost
   * follows the node's own jobs, not the length of the whole queue. Empty for a node the catalog
   * does not know.
   */
  public List<Job> backupsOfNode(String node, int limit) {
    if (limit < 1) {
      throw new CatalogValidationException("limit", limit, "a whole number ≥ 1");
    }
    return store.read(handle -> {
      Optional<Long> id = handle.createQuery("select id from node where name = :name").bind("name", node)
          .mapTo(Long.class).findOne();
      if (id.isEmpty()) {
        return List.<Job>of();
      }
      String part = SELECT + " where j.node_id = :node and j.type = 'BACKUP'";
      return handle.createQuery("select * from ("
              + "select 0 as pass, r.* from (" + part + " and j.state = 'RUNNING') r"
              + " union all select 1 as pass, q.* from (" + part + " and j.state = 'QUEUED') q"
              + " union all select 2 as pass, l.* from (" + part + " order by j.id desc limit :limit) l"
              + ") u order by u.pass, u.id desc")
          .bind("node", id.get()).bind("limit", limit).map(JobRepository::map).list();
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

  /** When a scheduled job of this type was last queued, by any agent: how agents find a missed run. */
  public Optional<Instant> lastQueued(JobType type) {
    return store.read(handle -> Optional.ofNullable(handle.createQuery("select max(created_at) from job"
            + " where type = :type and schedule_key is not null")
        .bind("type", type.name()).mapTo(Long.class).one()).map(Instant::ofEpochMilli));
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
