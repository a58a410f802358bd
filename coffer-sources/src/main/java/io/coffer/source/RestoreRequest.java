package io.coffer.source;

import io.coffer.model.ExistingPolicy;
import io.coffer.model.RolePolicy;
import java.time.Clock;

/**
 * How to restore a backup. Start with {@link #to(NodeAccess)} and adjust with the {@code with…} methods;
 * the defaults are the safe ones: same database name, refuse an existing target, reuse existing
 * roles, leave sessions on an existing target alone (and refuse because of them), one job, really
 * restore, drop what a failed restore created.
 *
 * @param target the node to restore to
 * @param targetName the node's name for plans and messages (default: its {@link NodeAccess#label()})
 * @param targetDatabase the new database name (SQLite: a file path); only for one-member backups
 * @param timestamped restore each member into {@code <db>_<backup start, YYYYMMDDTHHMMSS>}
 * @param conflict what to do with an existing target database
 * @param roles what to do with roles of the backup that exist on the target
 * @param terminateConnections end the sessions holding an existing target that is renamed or
 *     dropped, instead of refusing because of them
 * @param jobs parallel jobs for loading table data
 * @param dryRun compute and report the plan, change nothing
 * @param keepFailed leave what a failed restore created, for inspection
 * @param run the name of this run, which makes the names of staging databases unique to it
 * @param clock the clock the plan takes its one timestamp from (for renamed databases)
 */
public record RestoreRequest(
    NodeAccess target,
    String targetName,
    String targetDatabase,
    boolean timestamped,
    ExistingPolicy conflict,
    RolePolicy roles,
    boolean terminateConnections,
    int jobs,
    boolean dryRun,
    boolean keepFailed,
    String run,
    Clock clock) {

  public RestoreRequest {
    if (target == null) {
      throw new IllegalArgumentException("restore target node is required");
    }
    if (targetName == null || targetName.isBlank()) {
      targetName = target.label();
    }
    if (targetDatabase != null && targetDatabase.isBlank()) {
      throw new IllegalArgumentException("target database must not be empty");
    }
    if (targetDatabase != null && timestamped) {
      throw new IllegalArgumentException(
          "choose either a target database name or a timestamped name, not both");
    }
    if (conflict == null) {
      conflict = ExistingPolicy.REFUSE;
    }
    if (roles == null) {
      roles = RolePolicy.REUSE_EXISTING;
    }
    if (roles == RolePolicy.SKIP) {
      throw new IllegalArgumentException("roles SKIP is not carried out by the drivers yet; accepted: "
          + RolePolicy.REUSE_EXISTING + " or " + RolePolicy.FAIL_ON_EXISTING);
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    if (run == null) {
      run = RunName.random();
    } else {
      RunName.require(run);
    }
    if (clock == null) {
      clock = Clock.systemUTC();
    }
  }

  public static RestoreRequest to(NodeAccess target) {
    return new RestoreRequest(
        target, null, null, false, ExistingPolicy.REFUSE, RolePolicy.REUSE_EXISTING, false, 1, false, false, null, null);
  }

  public RestoreRequest withTargetName(String name) {
    return new RestoreRequest(target, name, targetDatabase, timestamped, conflict, roles, terminateConnections, jobs,
        dryRun, keepFailed, run, clock);
  }

  public RestoreRequest withTargetDatabase(String name) {
    return new RestoreRequest(target, targetName, name, false, conflict, roles, terminateConnections, jobs, dryRun,
        keepFailed, run, clock);
  }

  public RestoreRequest withTimestamped() {
    return new RestoreRequest(target, targetName, null, true, conflict, roles, terminateConnections, jobs, dryRun,
        keepFailed, run, clock);
  }

  public RestoreRequest withConflict(ExistingPolicy policy) {
    return new RestoreRequest(target, targetName, targetDatabase, timestamped, policy, roles, terminateConnections,
        jobs, dryRun, keepFailed, run, clock);
  }

  public RestoreRequest withRoles(RolePolicy policy) {
    return new RestoreRequest(target, targetName, targetDatabase, timestamped, conflict, policy, terminateConnections,
        jobs, dryRun, keepFailed, run, clock);
  }

  public RestoreRequest withTerminateConnections() {
    return new RestoreRequest(target, targetName, targetDatabase, timestamped, conflict, roles, true, jobs, dryRun,
        keepFailed, run, clock);
  }

  public RestoreRequest withJobs(int n) {
    return new RestoreRequest(target, targetName, targetDatabase, timestamped, conflict, roles, terminateConnections,
        n, dryRun, keepFailed, run, clock);
  }

  public RestoreRequest withDryRun() {
    return new RestoreRequest(target, targetName, targetDatabase, timestamped, conflict, roles, terminateConnections,
        jobs, true, keepFailed, run, clock);
  }

  public RestoreRequest withKeepFailed() {
    return new RestoreRequest(target, targetName, targetDatabase, timestamped, conflict, roles, terminateConnections,
        jobs, dryRun, true, run, clock);
  }

  /** The run's name, e.g. a catalog's id and a run number; see {@link RunName}. */
  public RestoreRequest withRun(String name) {
    return new RestoreRequest(target, targetName, targetDatabase, timestamped, conflict, roles, terminateConnections,
        jobs, dryRun, keepFailed, name, clock);
  }

  public RestoreRequest withClock(Clock value) {
    return new RestoreRequest(target, targetName, targetDatabase, timestamped, conflict, roles, terminateConnections,
        jobs, dryRun, keepFailed, run, value);
  }
}
