package io.coffer.source;

import java.time.Instant;
import java.util.List;

/**
 * What a restore did. A failed restore throws instead; its message says what was cleaned up.
 *
 * @param plan the plan that was carried out (or only shown, for a dry run)
 * @param dryRun true when nothing was changed
 * @param startedAt when the restore started
 * @param finishedAt when it finished
 * @param databases the target databases now holding the backup
 * @param rolesCreated roles (accounts) created from the backup
 * @param warnings what the user should know (reused roles, settings not applied)
 */
public record RestoreReport(
    RestorePlan plan,
    boolean dryRun,
    Instant startedAt,
    Instant finishedAt,
    List<String> databases,
    List<String> rolesCreated,
    List<String> warnings) {

  /** The report of a dry run: the plan, nothing done. */
  public static RestoreReport dryRun(RestorePlan plan) {
    Instant now = Instant.now();
    return new RestoreReport(plan, true, now, now, List.of(), List.of(), plan.warnings());
  }

  public RestoreReport {
    databases = List.copyOf(databases);
    rolesCreated = List.copyOf(rolesCreated);
    warnings = List.copyOf(warnings);
  }
}
