/**
 * {@code FILES} backups: a data directory made consistent by a quiesce method
 * ({@link io.coffer.source.quiesce}) and handed to the engine's {@link io.coffer.source.TreeSink}.
 * {@link io.coffer.source.files.FilesCopy} is the flow any driver uses to copy a directory (the
 * filesystem driver, and the database drivers for a node's data directory); what changed, vanished
 * or could not be read while it was copied is collected and judged by the backup's
 * {@link io.coffer.source.files.ChangePolicy}.
 */
package io.coffer.source.files;
