/**
 * Authentication of every request but the health probe — HTTP Basic with a user's password, or a
 * bearer API token — the role check of each route, and the per-client backoff after failures.
 */
package io.coffer.server.auth;
