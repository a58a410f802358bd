/**
 * One-offs: backups planned to run once at a given time, with a tag and their own retention period
 * (PgBackMan's snapshot definitions). Like definitions, a one-off with backups is removed only by
 * force, and one of a DOWN node waits until the node is RUNNING.
 */
package io.coffer.catalog.oneoff;
