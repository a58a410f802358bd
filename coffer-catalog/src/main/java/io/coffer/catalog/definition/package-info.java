/**
 * Definitions: what to back up (a {@link io.coffer.catalog.definition.DatabaseSelector}), from which
 * node, on which agent, into which volume, when (a cron schedule), how (kind, level plan) and for
 * how long (retention). A definition is ACTIVE, STOPPED or DELETED; one whose node is DOWN is
 * paused and reports as STOPPED. A definition with backups is removed only by force, which returns
 * the backups for the engine to forget in their volumes.
 */
package io.coffer.catalog.definition;
