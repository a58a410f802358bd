package io.coffer.catalog.restore;

import io.coffer.catalog.Enums;

/**
 * What a restore does with the roles a backup holds. PgBackMan asks, role by role, whether to reuse
 * one that exists; these are the answers, decided up front.
 */
public enum RolesPolicy {
  /** Create the roles the target lacks; use those it has. */
  REUSE_EXISTING,
  /** Restore no roles; objects keep owners only if such roles exist. */
  SKIP,
  /** Refuse the restore if any of the roles exists on the target. */
  FAIL_ON_EXISTING;

  public static final String FIELD = "roles";

  public static RolesPolicy parse(String text) {
    return Enums.parse(RolesPolicy.class, FIELD, text);
  }
}
