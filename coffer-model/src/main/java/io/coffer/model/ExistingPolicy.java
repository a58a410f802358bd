package io.coffer.model;

/**
 * What a restore does when its target database already exists. The names are those the catalog
 * stores for restore definitions.
 */
public enum ExistingPolicy {
  /** Stop before changing anything. The default. */
  REFUSE,
  /** Keep the existing database under {@code <name>_<time of the restore>}. */
  RENAME,
  /** Drop the existing database. */
  DROP;

  /** The name of the field in the CLI, the API and the catalog. */
  public static final String FIELD = "existing";
}
