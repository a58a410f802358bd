/**
 * Who may use the administration API and as what: users with Argon2id-hashed passwords, API tokens
 * stored as SHA-256 hashes and shown once, logging in with either, and running a request's changes
 * under the user's name in the history.
 */
package io.coffer.engine.access;
