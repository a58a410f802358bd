package io.coffer.catalog.run;

import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Finds the runs a process left RUNNING when it was killed or crashed, and records them as ended.
 *
 * <p>Every RUNNING backup, restore and verification names its {@link Runner}. Only the runner's own
 * host can tell whether that process is gone, so each host sweeps its own rows when it opens the
 * catalog: a dead runner's backup becomes FAILED, its restore FAILED (and a scheduled restore it
 * carried out FAILED too, so it can be removed or planned again), its verification ERROR. The error
 * says what the run may have left behind, because nothing ran to clean it up.
 */
public final class InterruptedRuns {

  private final Store store;

  public InterruptedRuns(Store store) {
    this.store = store;
  }

  /** Adds the runner columns' values to an insert that names {@code :runnerHost, :runnerPid, :runnerStarted}. */
  public static <S extends SqlStatement<S>> S bindRunner(S statement, Runner runner) {
    return statement.bind("runnerHost", runner.host()).bind("runnerPid", runner.pid())
        .bind("runnerStarted", Columns.millis(runner.processStart()));
  }

  /**
   * Records as ended every RUNNING run of {@code host} whose runner {@code alive} says is gone, and
   * returns them. A read when there are none: nothing is written, no history row.
   */
  public List<InterruptedRun> fail(String host, Predicate<Runner> alive) {
    List<Candidate> dead = store.read(handle -> candidates(handle, host)).stream()
        .filter(c -> !alive.test(c.runner())).toList();
    if (dead.isEmpty()) {
      return List.of();
    }
    return store.change(new Change("run fail-interrupted", "host " + host, dead.size() + " run(s) of gone processes"),
        handle -> {
          List<InterruptedRun> failed = new ArrayList<>();
          for (Candidate c : dead) {
            String error = c.reason();
            long now = store.now().toEpochMilli();
            // "and status = 'RUNNING'": the run may have finished between the read and this change.
            // Each kind of run has a table of its own name.
            int changed = handle.createUpdate("update " + c.what() + " set status = :status, error = :error,"
                    + " finished_at = :now, duration_ms = :now - started_at where id = :id and status = 'RUNNING'")
                .bind("status", c.what().equals("verification") ? "ERROR" : "FAILED").bind("error", error)
                .bind("now", now).bind("id", c.id()).execute();
            if (changed == 0) {
              continue;
            }
            if (c.restoreDefinition() != null) {
              handle.createUpdate("update restore_definition set status = 'FAILED', error = :error, updated_at = :now"
                      + " where id = :id and status = 'WAITING'")
                  .bind("error", "restore " + c.id() + ": " + error).bind("now", now).bind("id", c.restoreDefinition())
                  .execute();
            }
            failed.add(new InterruptedRun(c.what(), c.id(), c.runner(), error));
          }
          return failed;
        }, failed -> "ok: " + failed.size() + " recorded as interrupted");
  }

  private static List<Candidate> candidates(Handle handle, String host) {
    List<Candidate> all = new ArrayList<>();
    all.addAll(handle.createQuery("select id, runner_pid, runner_started from backup"
            + " where status = 'RUNNING' and runner_host = :host")
        .bind("host", host).map((row, ctx) -> new Candidate("backup", row.getLong("id"), runner(host, row), null,
            "nothing of it was committed to its volume, where its lock is stale and ignored; 'coffer volume prune'"
                + " frees what it stored")).list());
    all.addAll(handle.createQuery("select r.id, r.runner_pid, r.runner_started, r.restore_definition_id,"
            + " r.target_database, r.renamed_existing_to, n.name as node from restore r"
            + " left join node n on n.id = r.target_node_id where r.status = 'RUNNING' and r.runner_host = :host")
        .bind("host", host).map((row, ctx) -> new Candidate("restore", row.getLong("id"), runner(host, row),
            Columns.nullableLong(row, "restore_definition_id"), restoreLeftovers(row.getString("target_database"),
                row.getString("node"), row.getString("renamed_existing_to")))).list());
    all.addAll(handle.createQuery("select v.id, v.backup_id, v.runner_pid, v.runner_started, v.scratch_databases,"
            + " n.name as node"
            + " from verification v left join node n on n.id = v.node_id"
            + " where v.status = 'RUNNING' and v.runner_host = :host")
        .bind("host", host).map((row, ctx) -> new Candidate("verification", row.getLong("id"), runner(host, row), null,
            "its scratch database(s) " + String.join(", ", row.getString("scratch_databases").split("\n"))
                + " may be left on node " + row.getString("node") + "; drop them (their names are this"
                + " catalog's and this verification's alone, and no later run touches them)")).list());
    return all;
  }

  private static String restoreLeftovers(String database, String node, String renamedTo) {
    String left = "database " + database + " on node " + node + " may be partly restored; check it and drop it";
    return renamedTo == null || renamedTo.isEmpty() ? left
        : left + ", then rename " + renamedTo + " (the database that was there) back to " + database;
  }

  private static Runner runner(String host, ResultSet row) throws SQLException {
    Long started = Columns.nullableLong(row, "runner_started");
    return new Runner(host, row.getLong("runner_pid"), started == null ? null : Instant.ofEpochMilli(started));
  }

  private record Candidate(String what, long id, Runner runner, Long restoreDefinition, String leftovers) {

    String reason() {
      return "interrupted: " + runner + " ended before the " + what + " finished (killed, crashed or its host"
          + " restarted); " + leftovers;
    }
  }
}
