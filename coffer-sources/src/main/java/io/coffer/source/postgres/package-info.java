/**
 * The PostgreSQL driver. A backup exports one snapshot per database and reads everything through
 * it: pg_dump writes the pre-data and post-data sections as plain SQL, parallel JDBC connections
 * COPY each table into its own stream, pg_dump writes the large objects, and roles and database
 * properties are read from the catalogs into JSON. A restore creates a staging database, loads it
 * (tables in parallel, indexes and constraints after the data) and renames it into place only when
 * everything succeeded.
 */
package io.coffer.source.postgres;
