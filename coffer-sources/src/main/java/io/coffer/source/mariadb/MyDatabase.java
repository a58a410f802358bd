package io.coffer.source.mariadb;

/**
 * A database's own properties, which {@code mariadb-dump --no-create-db} leaves out so that the
 * dump loads under any name. Stored as {@code <db>/database.json}.
 *
 * @param name the name at backup time
 * @param charset the default character set
 * @param collation the default collation
 * @param comment the schema comment, or null
 */
record MyDatabase(String name, String charset, String collation, String comment) {}
