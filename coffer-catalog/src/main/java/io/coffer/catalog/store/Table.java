package io.coffer.catalog.store;

/**
 * The catalog tables that other rows refer to, with the word the interfaces use for them. Agents,
 * nodes and volumes are referred to by name or id; the rest by id only.
 */
public enum Table {
  AGENT("agent", "agent", true),
  NODE("node", "node", true),
  VOLUME("volume", "volume", true),
  DEFINITION("definition", "definition", false),
  ONEOFF("oneoff", "one-off", false),
  BACKUP("backup", "backup", false),
  RESTORE_DEFINITION("restore_definition", "restore-definition", false),
  RESTORE("restore", "restore", false),
  VERIFICATION("verification", "verification", false),
  JOB("job", "job", false),
  USER("app_user", "user", true),
  TOKEN("api_token", "token", false);

  final String sql;
  final String field;
  final boolean named;

  Table(String sql, String field, boolean named) {
    this.sql = sql;
    this.field = field;
    this.named = named;
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
