package io.coffer.catalog.backup;

/**
 * A backup taken out of the catalog, with what the engine needs to forget it in its volume too.
 * {@code manifestId} is null for a backup that never succeeded, which has nothing to forget.
 */
public record ForgottenBackup(long id, String volume, String location, String manifestId, BackupStatus status) {}
