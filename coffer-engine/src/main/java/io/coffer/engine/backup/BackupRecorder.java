package io.coffer.engine.backup;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.offline.PendingBackup;
import io.coffer.engine.offline.PendingResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a backup in the catalog — RUNNING when it starts, its result when it ends — and, whenever
 * the catalog cannot be reached, writes the result to a pending file instead (DESIGN rule 3). Bad
 * input the catalog refuses is not "unreachable": it stops the backup before it starts.
 */
final class BackupRecorder {

  /** Where the result went: a catalog row or a pending file. */
  record Recorded(Optional<Backup> row, Optional<Path> pendingFile) {}

  private static final Logger LOG = LoggerFactory.getLogger(BackupRecorder.class);

  private final CatalogLink link;
  private final PendingResults pending;

  BackupRecorder(CatalogLink link, PendingResults pending) {
    this.link = link;
    this.pending = pending;
  }

  /** Records the start; the RUNNING row's id, or null when the catalog is unreachable. */
  Long start(BackupStart start) {
    Optional<Catalog> catalog = link.reachable();
    if (catalog.isEmpty()) {
      return null;
    }
    try {
      return catalog.get().backups().start(start).id();
    } catch (CatalogValidationException e) {
      throw e;
    } catch (CatalogException e) {
      link.markUnreachable(e);
      return null;
    }
  }

  Recorded finish(PendingBackup result) {
    Optional<Catalog> catalog = link.reachable();
    if (catalog.isPresent()) {
      try {
        Backup row = result.backupId() != null
            ? catalog.get().backups().finish(result.backupId(), result.result())
            : catalog.get().backups().record(result.start(), result.result());
        return new Recorded(Optional.of(row), Optional.empty());
      } catch (CatalogValidationException e) {
        // The backup exists in the volume; a record the catalog refuses is kept, not lost.
        LOG.warn("the catalog refused the result of the backup of node {}: {}", result.node(), e.getMessage());
      } catch (CatalogException e) {
        link.markUnreachable(e);
      }
    }
    try {
      return new Recorded(Optional.empty(), Optional.of(pending.save(result)));
    } catch (IOException e) {
      throw new UncheckedIOException("the catalog is unreachable and the pending result cannot be written to "
          + pending.directory() + ": " + e.getMessage(), e);
    }
  }
}
