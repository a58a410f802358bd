/**
 * Plumbing shared by the catalog's repositories: the connection pool for each dialect, the schema
 * migrations, transactions that record every change in the history, and the lookups and dependency
 * checks every repository needs. Not for use outside the catalog module; the concept packages hold
 * the API.
 */
package io.coffer.catalog.store;
