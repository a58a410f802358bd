/**
 * The PostgreSQL driver. A backup exports one snapshot per database and reads everything through
 * it: pg_dump writes the pre-data section as plain SQL and the post-data section as a custom-format
 * archive, parallel JDBC connections COPY each table into its own stream, pg_dump writes the large
 * objects, and roles and database properties are read from the catalogs into JSON. A restore creates
 * a staging database, loads it (tables in parallel, then indexes and constraints in parallel with
 * pg_restore) and renames it into place only when everything succeeded.
 */
package io.coffer.source.postgres;
