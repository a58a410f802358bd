package io.coffer.source;

/** What a restore does when its target database already exists. */
public enum ConflictPolicy {
  /** Stop before changing anything. The default. */
  REFUSE,
  /** Keep the existing database under {@code <name>_<YYYYMMDDTHHMMSS>}. */
  RENAME_EXISTING,
  /** Remove the existing database. */
  DROP_EXISTING
}
