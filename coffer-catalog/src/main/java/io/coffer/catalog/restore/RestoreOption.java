package io.coffer.catalog.restore;

/**
 * An option of a restore as a refusal names it, whichever interface it came through: the command
 * line calls the directory {@code target-dir} ({@code --target-dir}), the API's JSON {@code
 * targetDirectory}. The engine and the catalog word a {@link RestoreRefusal} with these, and each
 * interface reads it in its own names, so a command-line user is told the option to change and an
 * API client (or the console) the field.
 *
 * <p>In a refusal's text an option is written as its {@link #toString()} ({@code "… or " + FORCE +
 * " to replace …"}), which {@link RestoreRefusal} turns into {@code --force} or {@code "force":
 * true}. Options the API does not carry are named as {@code restore run}'s.
 */
public enum RestoreOption {
  TARGET_NODE("target-node", "targetNode", "targetNode"),
  TARGET_DATABASE("target-database", "targetDatabase", "targetDatabase"),
  TARGET_DIRECTORY("target-dir", "targetDirectory", "targetDirectory"),
  PATH("path", "path", "path"),
  FORCE("force", "force", "\"force\": true"),
  ALLOW_EXTERNAL_SYMLINKS("allow-external-symlinks", "allowExternalSymlinks", "\"allowExternalSymlinks\": true"),
  TABLESPACE_MAP("tablespace-map", "tablespaceMap", "tablespaceMap"),
  /** What to do with an existing target database, as a whole (the API's one field). */
  EXISTING("existing", "existing", "existing"),
  RENAME_EXISTING("rename-existing", "existing", "\"existing\": \"rename\""),
  DROP_EXISTING("drop-existing", "existing", "\"existing\": \"drop\""),
  AS_TIMESTAMPED("as-timestamped", null, null),
  TERMINATE_CONNECTIONS("terminate-connections", null, null);

  /** The names a refusal is read in. */
  public enum Naming {
    /** {@code target-dir} heading a refusal, {@code --target-dir} within it. */
    COMMAND_LINE,
    /** {@code targetDirectory}; {@code "force": true} for a switch. */
    API
  }

  private final String option;
  private final String field;
  private final String mention;

  RestoreOption(String option, String field, String mention) {
    this.option = option;
    this.field = field;
    this.mention = mention;
  }

  /** The name heading a refusal of this option's value. */
  public String field(Naming naming) {
    return naming == Naming.API && field != null ? field : option;
  }

  /** The option as the text of a refusal names it, e.g. what to give instead. */
  public String mention(Naming naming) {
    if (naming == Naming.COMMAND_LINE) {
      return this == EXISTING ? "--rename-existing or --drop-existing" : "--" + option;
    }
    return mention != null ? mention : "restore run's --" + option;
  }

  /** The placeholder a refusal's text holds for this option; rendered by {@link RestoreRefusal}. */
  @Override
  public String toString() {
    return "{" + name() + "}";
  }
}
