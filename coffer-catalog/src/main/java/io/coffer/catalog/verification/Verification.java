package io.coffer.catalog.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One verification of a backup. {@code node} is null once that node is removed; {@code
 * scratchDatabases} are the databases (SQLite: files) it restored into and removed again.
 */
public record Verification(
    long id,
    long backupId,
    String node,
    String agent,
    List<String> scratchDatabases,
    VerificationScope scope,
    Instant startedAt,
    Instant finishedAt,
    Duration duration,
    VerificationStatus status,
    long tablesChecked,
    long rowsChecked,
    List<String> differences,
    String error) {}
