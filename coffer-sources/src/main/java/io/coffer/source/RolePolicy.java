package io.coffer.source;

/** What a restore does with a role (or MariaDB account) of the backup that exists on the target. */
public enum RolePolicy {
  /** Use the existing role as it is, with a warning. Missing roles are created. */
  REUSE,
  /** Stop before changing anything if any role of the backup exists on the target. */
  FAIL
}
