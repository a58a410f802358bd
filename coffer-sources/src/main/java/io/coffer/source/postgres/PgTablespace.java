package io.coffer.source.postgres;

import java.util.List;

/**
 * A tablespace, captured by CLUSTER backups.
 *
 * @param name its name
 * @param owner the owning role
 * @param location the directory on the server
 * @param options {@code name=value} storage options
 * @param privileges its ACL; null means the default
 * @param comment its comment, or null
 */
record PgTablespace(
    String name,
    String owner,
    String location,
    List<String> options,
    List<PgGrant> privileges,
    String comment) {}
