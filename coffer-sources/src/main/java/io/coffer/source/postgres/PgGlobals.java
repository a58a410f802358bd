package io.coffer.source.postgres;

import java.util.List;

/**
 * What lives outside the databases: the roles a backup needs (with their memberships) and, for
 * CLUSTER, the tablespaces. Stored as {@code globals.json}; it holds password hashes, so it exists
 * only as a stream in the (encrypted) volume, never in the report.
 *
 * @param roles the roles, system ones included so that memberships in them are kept
 * @param memberships role memberships among them
 * @param tablespaces CLUSTER only
 */
record PgGlobals(List<PgRole> roles, List<PgMembership> memberships, List<PgTablespace> tablespaces) {}
