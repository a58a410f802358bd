package io.coffer.source.postgres;

/**
 * {@code GRANT role TO member}.
 *
 * @param role the granted role
 * @param member the role it is granted to
 * @param grantor who granted it
 * @param admin WITH ADMIN OPTION
 */
record PgMembership(String role, String member, String grantor, boolean admin) {}
