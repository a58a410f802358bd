/**
 * Verifications: a backup restored into scratch databases and compared, table by table, with the row
 * counts and checksums it recorded. The record says where, what was compared and what differed.
 */
package io.coffer.catalog.verification;
