package io.coffer.engine.offline;

import io.coffer.catalog.definition.ScheduledDefinition;
import io.coffer.catalog.schedule.CronSpec;
import java.time.Instant;

/** An agent's definition as its scheduler needs it, as plain values the local cache can hold. */
public record CachedSchedule(long id, String node, String cron, boolean active, Instant createdAt) {

  public static CachedSchedule of(ScheduledDefinition definition) {
    return new CachedSchedule(definition.id(), definition.node(), definition.schedule().toString(),
        definition.active(), definition.createdAt());
  }

  public ScheduledDefinition definition() {
    String[] f = cron.split(" ");
    return new ScheduledDefinition(id, node, f.length == 5 ? CronSpec.fromCatalog(f[0], f[1], f[2], f[3], f[4])
        : CronSpec.fromCatalog(cron, "", "", "", ""), active, createdAt);
  }
}
