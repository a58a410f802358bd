/**
 * Retention that frees space: which backups of a definition, one-off or run by hand go and why
 * ({@link io.coffer.engine.retention.RetentionDecision}, a pure function), and carrying it out
 * ({@link io.coffer.engine.retention.RetentionService}): catalog rows with their reasons in the
 * history, manifests in the volumes, and the prune of each volume that lost backups.
 */
package io.coffer.engine.retention;
