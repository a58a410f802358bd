package io.coffer.catalog.job;

import io.coffer.catalog.CatalogSettings;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * One claim: the QUEUED jobs an agent process takes at once, inside the caller's transaction.
 *
 * <p>Why it is shaped this way. Claims are the hot path of many agents on one catalog (a thousand
 * jobs due in one minute): one transaction per job, with a history row and a lock of the agent's
 * row each, made three agents take a minute for a thousand jobs. So a claim takes a batch, and
 * every step is one statement for the whole batch, never one per job:
 *
 * <ol>
 *   <li>the agent's row is locked (its own processes claim one after the other, so its {@code
 *       max_parallel_jobs} is counted exactly) and the room left under that limit computed;
 *   <li>the oldest candidates are locked {@code SKIP LOCKED}: concurrent claimers never wait on
 *       each other's rows nor take the same job;
 *   <li>their definitions and nodes are locked {@code SKIP LOCKED} too, so two claimers never both
 *       count a node below its limit or a definition as idle; a job whose definition or node another
 *       claim holds is passed over, for the next claim;
 *   <li>what runs on those definitions and nodes is counted once, and the candidates are taken in
 *       order while the counts allow — a run of a definition still running (or taken earlier in
 *       this batch) is SKIPPED with the reason;
 *   <li>one update marks the taken jobs RUNNING under the lease and writes the claim into their log.
 * </ol>
 *
 * <p>The locks are {@code FOR NO KEY UPDATE}: they order claimers among themselves without blocking
 * the foreign-key checks of running jobs that insert backups naming the same agent, definition or
 * node (a {@code FOR UPDATE} deadlocked with them). On SQLite the transaction began IMMEDIATE and
 * holds the single write lock, so claims are serialised and the row locks are not needed.
 */
final class JobClaim {

  /** How many queued jobs a claim looks at beyond the ones it has room for. */
  private static final int SPARE_CANDIDATES = 32;

  private record Candidate(long id, Long definition, Long node) {}

  /** A queued run passed over because its definition runs in {@code holder}. */
  record Skip(long id, long holder) {}

  private final Handle handle;
  private final Claimant claimant;
  private final String skipLocked;
  private final String lockRow;
  final List<Long> taken = new ArrayList<>();
  final List<Skip> skipped = new ArrayList<>();

  JobClaim(Handle handle, Claimant claimant, CatalogSettings.Dialect dialect) {
    this.handle = handle;
    this.claimant = claimant;
    boolean postgres = dialect == CatalogSettings.Dialect.POSTGRESQL;
    this.lockRow = postgres ? " for no key update" : "";
    this.skipLocked = postgres ? " for no key update skip locked" : "";
  }

  /**
   * Takes up to {@code most} jobs; {@code now} gives the claim time, asked after the counts (a job
   * that ended before them ended before this claim). Fills {@link #taken} and {@link #skipped}.
   */
  void take(int most, java.util.function.LongSupplier now, String logPrefix) {
    long agent = Lookup.id(handle, Table.AGENT, claimant.agent());
    String status = handle.createQuery("select status from agent where id = :id" + lockRow).bind("id", agent)
        .mapTo(String.class).one();
    if (!status.equals("RUNNING")) {
      return;
    }
    int room = Math.min(most, limits(handle, "agent", List.of(agent)).get(agent) - running("claimed_by", List.of(agent))
        .getOrDefault(agent, 0));
    if (room <= 0) {
      return;
    }
    List<Candidate> candidates = handle.createQuery("select id, definition_id, node_id from job where state = 'QUEUED'"
            + " and (agent_id is null or agent_id = :agent) order by id limit " + (room + SPARE_CANDIDATES) + skipLocked)
        .bind("agent", agent)
        .map((row, ctx) -> new Candidate(row.getLong("id"), Columns.nullableLong(row, "definition_id"),
            Columns.nullableLong(row, "node_id")))
        .list();
    if (candidates.isEmpty()) {
      return;
    }
    Set<Long> definitionIds = new LinkedHashSet<>();
    Set<Long> nodeIds = new LinkedHashSet<>();
    for (Candidate candidate : candidates) {
      if (candidate.definition() != null) {
        definitionIds.add(candidate.definition());
      }
      if (candidate.node() != null) {
        nodeIds.add(candidate.node());
      }
    }
    Set<Long> definitions = lock("definition", definitionIds);
    Set<Long> nodes = lock("node", nodeIds);
    Map<Long, Long> runningDefinitions = runningJobOf(definitions);
    Map<Long, Integer> busyNodes = running("node_id", nodes);
    Map<Long, Integer> nodeLimits = limits(handle, "node", nodes);
    for (Candidate candidate : candidates) {
      if (taken.size() == room) {
        break;
      }
      if (candidate.definition() != null) {
        if (!definitions.contains(candidate.definition())) {
          continue;
        }
        Long holder = runningDefinitions.get(candidate.definition());
        if (holder != null) {
          skipped.add(new Skip(candidate.id(), holder));
          continue;
        }
      }
      if (candidate.node() != null) {
        if (!nodes.contains(candidate.node())
            || busyNodes.getOrDefault(candidate.node(), 0) >= nodeLimits.get(candidate.node())) {
          continue;
        }
        busyNodes.merge(candidate.node(), 1, Integer::sum);
      }
      if (candidate.definition() != null) {
        runningDefinitions.put(candidate.definition(), candidate.id());
      }
      taken.add(candidate.id());
    }
    if (taken.isEmpty()) {
      return;
    }
    long claimedAt = now.getAsLong();
    handle.createUpdate("update job set state = 'RUNNING', claimed_by = :agent, claimed_at = :now,"
            + " heartbeat_at = :now, lease_expires_at = :expires, runner_host = :host, runner_pid = :pid,"
            + " phase = 'claimed', error = '', log = log || :prefix || attempt || ')' || :newline where id in (<ids>)")
        .bind("agent", agent).bind("now", claimedAt).bind("expires", claimedAt + claimant.lease().toMillis())
        .bind("host", claimant.host()).bind("pid", claimant.pid()).bind("prefix", logPrefix).bind("newline", "\n")
        .bindList("ids", taken)
        .execute();
  }

  /** Of these rows of {@code table}, the ones this claim could lock (all of them on SQLite). */
  private Set<Long> lock(String table, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return new HashSet<>();
    }
    return new HashSet<>(handle.createQuery("select id from " + table + " where id in (<ids>)" + skipLocked)
        .bindList("ids", List.copyOf(ids)).mapTo(Long.class).list());
  }

  /** The oldest RUNNING job of each of these definitions that has one. */
  private Map<Long, Long> runningJobOf(Collection<Long> definitions) {
    Map<Long, Long> running = new HashMap<>();
    if (!definitions.isEmpty()) {
      handle.createQuery("select definition_id, min(id) as job from job where state = 'RUNNING'"
              + " and definition_id in (<ids>) group by definition_id")
          .bindList("ids", List.copyOf(definitions))
          .map((row, ctx) -> Map.entry(row.getLong("definition_id"), row.getLong("job")))
          .forEach(e -> running.put(e.getKey(), e.getValue()));
    }
    return running;
  }

  /** How many RUNNING jobs each of these ids has in {@code column} (claimed_by, node_id). */
  private Map<Long, Integer> running(String column, Collection<Long> ids) {
    Map<Long, Integer> counts = new HashMap<>();
    if (!ids.isEmpty()) {
      handle.createQuery("select " + column + " as owner, count(*) as n from job where state = 'RUNNING' and " + column
              + " in (<ids>) group by " + column)
          .bindList("ids", List.copyOf(ids))
          .map((row, ctx) -> Map.entry(row.getLong("owner"), row.getInt("n")))
          .forEach(e -> counts.put(e.getKey(), e.getValue()));
    }
    return counts;
  }

  /** The effective {@code max_parallel_jobs} of each agent or node: its own value, else the default. */
  static Map<Long, Integer> limits(Handle handle, String scope, Collection<Long> ids) {
    Map<Long, Integer> limits = new HashMap<>();
    if (!ids.isEmpty()) {
      handle.createQuery("select s.id, coalesce((select value from " + scope + "_config c where c." + scope
              + "_id = s.id and c.key = 'max_parallel_jobs'), (select value from config_default where scope = :scope"
              + " and key = 'max_parallel_jobs'), '1') as value from " + scope + " s where s.id in (<ids>)")
          .bind("scope", scope).bindList("ids", List.copyOf(ids))
          .map((row, ctx) -> Map.entry(row.getLong("id"), Integer.parseInt(row.getString("value"))))
          .forEach(e -> limits.put(e.getKey(), e.getValue()));
    }
    return limits;
  }
}
