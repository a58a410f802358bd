package io.coffer.catalog.restore;

import io.coffer.catalog.schedule.RunOnceStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A planned restore. {@code renameExistingTo}, when set, is the name an existing target database
 * gets before the restore; when empty an existing target database makes the restore fail.
 */
public record RestoreDefinition(
    long id,
    long backupId,
    String agent,
    String targetNode,
    String targetDatabase,
    Optional<String> renameExistingTo,
    RolesPolicy roles,
    Instant runAt,
    String extraParameters,
    RunOnceStatus status,
    String remarks,
    Instant createdAt,
    Instant updatedAt) {}
