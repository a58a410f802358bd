/**
 * Restoring a backup: its streams read back from the volume, the node's driver computing the plan
 * (printed before anything changes; a dry run stops there) and carrying it out, the restore recorded
 * in the catalog with its outcome.
 */
package io.coffer.engine.restore;
