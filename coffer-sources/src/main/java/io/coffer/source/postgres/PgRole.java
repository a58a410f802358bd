package io.coffer.source.postgres;

import java.util.List;

/**
 * A role as a backup captures it.
 *
 * @param name the role name
 * @param system a bootstrap or predefined role (oid below 16384): present on every server, never
 *     created or counted by a restore
 * @param superuser rolsuper
 * @param inherit rolinherit
 * @param createRole rolcreaterole
 * @param createDb rolcreatedb
 * @param login rolcanlogin
 * @param replication rolreplication
 * @param bypassRls rolbypassrls
 * @param connectionLimit -1 for none
 * @param password the stored password hash, or null when there is none or it was not readable
 * @param validUntil rolvaliduntil as text, or null
 * @param comment the role comment, or null
 * @param settings role-wide {@code ALTER ROLE … SET}
 */
record PgRole(
    String name,
    boolean system,
    boolean superuser,
    boolean inherit,
    boolean createRole,
    boolean createDb,
    boolean login,
    boolean replication,
    boolean bypassRls,
    int connectionLimit,
    String password,
    String validUntil,
    String comment,
    List<PgSetting> settings) {}
