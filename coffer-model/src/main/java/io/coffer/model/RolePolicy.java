package io.coffer.model;

/**
 * What a restore does with the roles (or MariaDB accounts) a backup holds. PgBackMan asks, role by
 * role, whether to reuse one that exists; these are the answers, decided up front. The names are
 * those the catalog stores for restore definitions.
 */
public enum RolePolicy {
  /** Create the roles the target lacks; use those it has as they are, with a warning. The default. */
  REUSE_EXISTING,
  /** Restore no roles; objects keep owners only if such roles exist. Not carried out by the drivers yet. */
  SKIP,
  /** Stop before changing anything if any role of the backup exists on the target. */
  FAIL_ON_EXISTING;

  /** The name of the field in the CLI, the API and the catalog. */
  public static final String FIELD = "roles";
}
