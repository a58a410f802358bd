package io.coffer.catalog.oneoff;

import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.model.Kind;
import java.time.Instant;
import java.util.Optional;

/** A one-off as the catalog holds it. */
public record Oneoff(
    long id,
    String agent,
    String node,
    String volume,
    DatabaseSelector databases,
    Kind kind,
    Instant runAt,
    String tag,
    RetentionPeriod retention,
    Optional<Expire> expire,
    String extraParameters,
    RunOnceStatus status,
    String remarks,
    Instant createdAt,
    Instant updatedAt) {}
