package io.coffer.source.postgres;

/**
 * The names of a PostgreSQL backup's streams (see docs/sources.md). Table streams are named after
 * the table, readable and unambiguous; restores never parse names, they look them up in the report.
 */
final class PgLayout {

  static final String GLOBALS = "globals.json";

  private PgLayout() {}

  static String database(String db) {
    return db + "/database.json";
  }

  static String preData(String db) {
    return db + "/pre-data.sql";
  }

  static String table(String db, PgTable t) {
    return db + "/tables/" + PgIdent.readable(t.schema()) + "." + PgIdent.readable(t.name()) + ".copy";
  }

  static String sequences(String db) {
    return db + "/sequences.sql";
  }

  static String largeObjects(String db) {
    return db + "/large-objects.sql";
  }

  /** Post-data as a plain script: backups written before post-data became an archive. */
  static String postData(String db) {
    return db + "/post-data.sql";
  }

  /**
   * Post-data as a pg_dump custom-format archive, which carries the dependencies between its
   * entries, so pg_restore can build indexes and constraints on several connections.
   */
  static String postDataArchive(String db) {
    return db + "/post-data.dump";
  }
}
