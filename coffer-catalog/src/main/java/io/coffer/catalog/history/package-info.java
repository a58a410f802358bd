/**
 * The history: one row for every state-changing call to the catalog — who, when, what, and the
 * result, including refusals. Job progress reports and agent heartbeats are the exceptions: they
 * live on their own rows.
 */
package io.coffer.catalog.history;
