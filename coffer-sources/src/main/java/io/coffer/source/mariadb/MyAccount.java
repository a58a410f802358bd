package io.coffer.source.mariadb;

import java.util.List;

/**
 * A user or role with what it was granted. Stored in {@code accounts.json}; the create statement
 * holds the password hash, so it exists only as a stream in the (encrypted) volume.
 *
 * @param user the user or role name
 * @param host the host part; empty for a role
 * @param role whether it is a role
 * @param create {@code SHOW CREATE USER} output, or {@code CREATE ROLE}
 * @param grants its {@code SHOW GRANTS} lines
 */
record MyAccount(String user, String host, boolean role, String create, List<MyGrant> grants) {

  /** The name as the report shows it: {@code 'user'@'host'}, or the role name. */
  String label() {
    return role ? user : "'" + user + "'@'" + host + "'";
  }

  /** The account a {@link #label()} names, without its create statement and grants. */
  static MyAccount ofLabel(String label) {
    java.util.regex.Matcher user = java.util.regex.Pattern.compile("'(.*)'@'(.*)'").matcher(label);
    return user.matches()
        ? new MyAccount(user.group(1), user.group(2), false, null, List.of())
        : new MyAccount(label, "", true, null, List.of());
  }
}
