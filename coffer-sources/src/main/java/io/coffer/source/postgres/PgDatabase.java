package io.coffer.source.postgres;

import java.util.List;

/**
 * The properties of a database that live outside it, in the shared catalogs, and that pg_dump
 * without {@code --create} leaves out. Stored as {@code <db>/database.json}; a restore re-creates them
 * under the target name.
 *
 * @param name the database name at backup time
 * @param owner the owning role
 * @param encoding e.g. {@code UTF8}
 * @param collate LC_COLLATE
 * @param ctype LC_CTYPE
 * @param localeProvider {@code c} (libc) or {@code i} (ICU); null before PostgreSQL 15
 * @param icuLocale the ICU locale, if any
 * @param connectionLimit -1 for none
 * @param allowConnections datallowconn
 * @param template datistemplate
 * @param tablespace the default tablespace
 * @param comment the database comment, or null
 * @param privileges the database ACL; null means the built-in default
 * @param settings {@code ALTER DATABASE … SET} (role null) and {@code ALTER ROLE … IN DATABASE … SET}
 */
record PgDatabase(
    String name,
    String owner,
    String encoding,
    String collate,
    String ctype,
    String localeProvider,
    String icuLocale,
    int connectionLimit,
    boolean allowConnections,
    boolean template,
    String tablespace,
    String comment,
    List<PgGrant> privileges,
    List<PgSetting> settings) {}
