package io.coffer.source.postgres;

/**
 * One entry of an access-control list.
 *
 * @param grantee the role, or null for PUBLIC
 * @param privilege e.g. {@code CONNECT}, {@code CREATE}, {@code TEMPORARY}
 * @param grantable whether it was granted WITH GRANT OPTION
 */
record PgGrant(String grantee, String privilege, boolean grantable) {}
