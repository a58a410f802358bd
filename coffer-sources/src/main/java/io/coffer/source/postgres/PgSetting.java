package io.coffer.source.postgres;

/**
 * A configuration setting stored with a role or database ({@code ALTER … SET name = value}).
 *
 * @param role the role it applies to, or null for every role
 * @param name the parameter name
 * @param value its value as stored in pg_db_role_setting
 */
record PgSetting(String role, String name, String value) {

  /** Parses one {@code name=value} entry of {@code setconfig}. */
  static PgSetting parse(String role, String entry) {
    int eq = entry.indexOf('=');
    return new PgSetting(role, entry.substring(0, eq), entry.substring(eq + 1));
  }
}
