package io.coffer.source;

/**
 * How to restore a backup. Start with {@link #to(Node)} and adjust with the {@code with…} methods;
 * the defaults are the safe ones: same database name, refuse an existing target, reuse existing
 * roles, one job, really restore, drop what a failed restore created.
 *
 * @param target the node to restore to
 * @param targetDatabase the new database name (SQLite: a file path); only for one-member backups
 * @param timestamped restore each member into {@code <db>_<backup start, YYYYMMDDTHHMMSS>}
 * @param conflict what to do with an existing target database
 * @param roles what to do with roles of the backup that exist on the target
 * @param jobs parallel jobs for loading table data
 * @param dryRun compute and report the plan, change nothing
 * @param keepFailed leave what a failed restore created, for inspection
 */
public record RestoreRequest(
    Node target,
    String targetDatabase,
    boolean timestamped,
    ConflictPolicy conflict,
    RolePolicy roles,
    int jobs,
    boolean dryRun,
    boolean keepFailed) {

  public RestoreRequest {
    if (target == null) {
      throw new IllegalArgumentException("restore target node is required");
    }
    if (targetDatabase != null && targetDatabase.isBlank()) {
      throw new IllegalArgumentException("target database must not be empty");
    }
    if (targetDatabase != null && timestamped) {
      throw new IllegalArgumentException(
          "choose either a target database name or a timestamped name, not both");
    }
    if (conflict == null) {
      conflict = ConflictPolicy.REFUSE;
    }
    if (roles == null) {
      roles = RolePolicy.REUSE;
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
  }

  public static RestoreRequest to(Node target) {
    return new RestoreRequest(
        target, null, false, ConflictPolicy.REFUSE, RolePolicy.REUSE, 1, false, false);
  }

  public RestoreRequest withTargetDatabase(String name) {
    return new RestoreRequest(target, name, false, conflict, roles, jobs, dryRun, keepFailed);
  }

  public RestoreRequest withTimestamped() {
    return new RestoreRequest(target, null, true, conflict, roles, jobs, dryRun, keepFailed);
  }

  public RestoreRequest withConflict(ConflictPolicy policy) {
    return new RestoreRequest(
        target, targetDatabase, timestamped, policy, roles, jobs, dryRun, keepFailed);
  }

  public RestoreRequest withRoles(RolePolicy policy) {
    return new RestoreRequest(
        target, targetDatabase, timestamped, conflict, policy, jobs, dryRun, keepFailed);
  }

  public RestoreRequest withJobs(int n) {
    return new RestoreRequest(
        target, targetDatabase, timestamped, conflict, roles, n, dryRun, keepFailed);
  }

  public RestoreRequest withDryRun() {
    return new RestoreRequest(
        target, targetDatabase, timestamped, conflict, roles, jobs, true, keepFailed);
  }

  public RestoreRequest withKeepFailed() {
    return new RestoreRequest(
        target, targetDatabase, timestamped, conflict, roles, jobs, dryRun, true);
  }
}
