package io.coffer.catalog.definition;

import io.coffer.catalog.schedule.CronSpec;
import java.time.Instant;

/**
 * What an agent needs of a definition to run it on its schedule, read without parsing anything
 * else: a definition whose retention or selector an older version wrote wrongly still runs on
 * time, and fails alone (naming itself) when its backup reads the rest. {@code schedule} is taken
 * as stored ({@link CronSpec#fromCatalog}): an invalid one is found when it is first evaluated.
 * {@code active} is the effective status: ACTIVE and its node RUNNING.
 */
public record ScheduledDefinition(long id, String node, CronSpec schedule, boolean active, Instant createdAt) {}
