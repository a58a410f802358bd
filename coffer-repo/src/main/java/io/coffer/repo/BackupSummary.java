package io.coffer.repo;

import io.coffer.repo.manifest.BackupStats;

/** The result of a committed backup. */
public record BackupSummary(String id, BackupStats stats) {}
