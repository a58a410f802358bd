/**
 * Backups: the catalog's fast index of what the volumes hold. A backup is recorded RUNNING when it
 * starts and finished with its manifest id, sizes and outcome; it can be listed newest first with
 * filters, shown in full (with "on disk until"), summarised in statistics, and removed, which
 * returns what the engine must forget in the volume.
 */
package io.coffer.catalog.backup;
