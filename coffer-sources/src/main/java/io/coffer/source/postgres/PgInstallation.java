package io.coffer.source.postgres;

import java.nio.file.Path;

/**
 * One directory holding PostgreSQL client tools, and their version as pg_dump reports it.
 *
 * @param bin the directory with pg_dump, psql and pg_restore
 * @param version the dotted version, e.g. {@code 15.20}
 */
record PgInstallation(Path bin, String version) {

  Path pgDump() {
    return bin.resolve("pg_dump");
  }

  Path psql() {
    return bin.resolve("psql");
  }

  Path pgRestore() {
    return bin.resolve("pg_restore");
  }
}
