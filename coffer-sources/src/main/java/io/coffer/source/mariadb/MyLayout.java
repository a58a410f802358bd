package io.coffer.source.mariadb;

/** The names of a MariaDB backup's streams (see docs/sources.md). */
final class MyLayout {

  static final String ACCOUNTS = "accounts.json";

  private MyLayout() {}

  static String database(String db) {
    return db + "/database.json";
  }

  static String dump(String db) {
    return db + "/dump.sql";
  }
}
