package io.coffer.catalog.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one restore did. {@code backupId} is null once that backup left the catalog; {@code
 * manifestId} still says what was restored. {@code targetNode} is null once that node is removed.
 */
public record Restore(
    long id,
    Long restoreDefinitionId,
    Long backupId,
    String manifestId,
    String agent,
    String targetNode,
    String targetDatabase,
    String renamedExistingTo,
    Instant startedAt,
    Instant finishedAt,
    Duration duration,
    long bytesWritten,
    RestoreStatus status,
    String error,
    String logTail,
    List<String> roles,
    String serverVersion,
    String toolVersion) {}
