package io.coffer.catalog.definition;

import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.model.Kind;
import java.time.Instant;
import java.util.Optional;

/**
 * A definition as the catalog holds it; {@code files} says how a FILES definition copies the data
 * directory (for the other kinds it stays as the node says). {@code status} is the definition's own; {@code paused} is
 * true while its node is DOWN, and then {@link #effectiveStatus()} reports STOPPED.
 */
public record Definition(
    long id,
    String agent,
    String node,
    String volume,
    DatabaseSelector databases,
    CronSpec schedule,
    Kind kind,
    LevelPlan levels,
    RetentionPeriod retention,
    Redundancy redundancy,
    Optional<Expire> expire,
    KeepPolicy keep,
    String extraParameters,
    int verifyEvery,
    DefinitionStatus status,
    boolean paused,
    String remarks,
    Instant createdAt,
    Instant updatedAt,
    FilesOptions files) {

  /** What the definition does now: STOPPED while paused, else its own status. */
  public DefinitionStatus effectiveStatus() {
    return paused && status == DefinitionStatus.ACTIVE ? DefinitionStatus.STOPPED : status;
  }

  /** True when backups of this definition are due by its schedule. */
  public boolean runs() {
    return effectiveStatus() == DefinitionStatus.ACTIVE;
  }
}
