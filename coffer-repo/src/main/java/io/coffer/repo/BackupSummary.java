package io.coffer.repo;

import io.coffer.repo.manifest.BackupStats;
import java.time.Instant;

/**
 * The result of a committed backup.
 *
 * @param time the time its manifest records: when the backup was committed, the moment a catalog
 *     rebuilt from the volume gives as its finish, so the engine records the same one
 */
public record BackupSummary(String id, BackupStats stats, Instant time) {}
