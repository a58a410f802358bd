package io.coffer.catalog.verification;

/**
 * What a verification compared: the contents of every table, or (for a SCHEMA backup, which holds
 * no rows) only that the schema restores and its tables exist.
 */
public enum VerificationScope {
  CONTENT,
  SCHEMA
}
