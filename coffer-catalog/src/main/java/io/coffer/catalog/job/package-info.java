/**
 * Jobs: one execution each (a backup, restore, verify, prune or retention run) with state, progress
 * and an abort flag. Agents claim queued jobs with row locks, so with several agents on one catalog
 * each job runs once.
 */
package io.coffer.catalog.job;
