package io.coffer.catalog.verification;

/**
 * What a verification compared: the contents of every table, or (for a SCHEMA backup, which holds
 * no rows) only that the schema restores and its tables exist, or (for a FILES backup) every file of
 * its tree re-read from the volume, counted as files ({@code tablesChecked}) and bytes ({@code
 * rowsChecked}).
 */
public enum VerificationScope {
  CONTENT,
  SCHEMA,
  FILES
}
