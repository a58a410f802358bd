package io.coffer.catalog.restore;

import io.coffer.catalog.Enums;

/** What a restore does when its target database already exists. */
public enum ExistingPolicy {
  /** Stop before changing anything. The default. */
  REFUSE,
  /** Keep the existing database under {@code <name>_<time of the restore>}. */
  RENAME,
  /** Drop the existing database. */
  DROP;

  public static final String FIELD = "existing";

  public static ExistingPolicy parse(String text) {
    return Enums.parse(ExistingPolicy.class, FIELD, text);
  }
}
