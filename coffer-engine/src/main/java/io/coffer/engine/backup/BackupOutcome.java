package io.coffer.engine.backup;

import io.coffer.catalog.backup.Backup;
import io.coffer.engine.offline.PendingBackup;
import io.coffer.source.BackupReport;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a backup run ended.
 *
 * @param recorded the catalog's row, when the catalog recorded the result
 * @param pendingFile the pending file holding the result, when the catalog was unreachable
 * @param result what was (or will be) recorded
 * @param report what the driver captured
 * @param plan what was run
 */
public record BackupOutcome(
    Optional<Backup> recorded, Optional<Path> pendingFile, PendingBackup result, BackupReport report, BackupPlan plan) {}
