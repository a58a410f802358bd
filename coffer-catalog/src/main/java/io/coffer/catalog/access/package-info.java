/**
 * Who may use the administration API: users with a role and a password hash, and the API tokens
 * that act for them, of which only hashes are stored. Hashing and checking are the engine's job;
 * this package stores and finds what it is given.
 */
package io.coffer.catalog.access;
