package io.coffer.catalog.store;

/**
 * The catalog tables that other rows refer to, with the word the interfaces use for them. Agents,
 * nodes and volumes are referred to by name or id; the rest by id only.
 *
 * <p>Each also knows the command that lists its rows and the one that makes a new row, so that a
 * reference to a row that does not exist can say where to look and what to run (a new user's first
 * "does not exist" should not be a dead end). {@code %s} in the making command stands for the name
 * that was not found.
 */
public enum Table {
  AGENT("agent", "agent", true, "agents", "coffer agent list", "`coffer agent add %s` registers it"),
  NODE("node", "node", true, "nodes", "coffer node list",
      "`coffer node add %s --engine ENGINE …` registers it"),
  VOLUME("volume", "volume", true, "volumes", "coffer volume list",
      "`coffer volume add %s LOCATION` registers it"),
  DEFINITION("definition", "definition", false, "definitions", "coffer definition list",
      "`coffer definition add --node NODE --databases DATABASES` creates one"),
  ONEOFF("oneoff", "one-off", false, "one-offs", "coffer oneoff list",
      "`coffer oneoff add --node NODE --databases DATABASES --at TIME` plans one"),
  BACKUP("backup", "backup", false, "backups", "coffer backup list", "`coffer backup run DEFINITION` takes one"),
  RESTORE_DEFINITION("restore_definition", "restore-definition", false, "scheduled restores",
      "coffer restore scheduled", "`coffer restore add BACKUP_ID --at TIME` schedules one"),
  RESTORE("restore", "restore", false, "restores", "coffer restore list",
      "`coffer restore run BACKUP_ID --target-node NODE` makes one"),
  VERIFICATION("verification", "verification", false, "verifications", "coffer backup show BACKUP_ID",
      "`coffer backup verify BACKUP_ID` makes one"),
  JOB("job", "job", false, "jobs", "coffer job list", "`coffer backup run DEFINITION` queues one"),
  USER("app_user", "user", true, "users", "coffer user list", "`coffer user add %s --role ROLE` adds one"),
  TOKEN("api_token", "token", false, "tokens", "coffer token list",
      "`coffer token create --user USER --name NAME` makes one");

  final String sql;
  final String field;
  final boolean named;
  final String plural;
  final String listCommand;
  final String making;

  Table(String sql, String field, boolean named, String plural, String listCommand, String making) {
    this.sql = sql;
    this.field = field;
    this.named = named;
    this.plural = plural;
    this.listCommand = listCommand;
    this.making = making;
  }

  /** How a new row comes about, e.g. {@code `coffer agent add vm` registers it}. */
  String making(String reference) {
    return named ? making.formatted(reference) : making;
  }

  /** The table's name in SQL. */
  public String sqlName() {
    return sql;
  }

  /** The word for one row, as in error messages and field names: {@code one-off}. */
  public String field() {
    return field;
  }
}
