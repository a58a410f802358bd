package io.coffer.engine.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.Enums;
import io.coffer.catalog.retention.Expire;
import io.coffer.engine.EngineException;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.BackupPlan;
import java.io.IOException;
import java.util.Optional;

/**
 * A backup of a node's databases asked for through the API and carried out by an agent: the order
 * travels in the job's parameters as {@code backup order {json}}, written from the plan that
 * accepted it (node, databases, kind, level, expiry, volume), and is read back by the agent that
 * claims the job.
 */
public record QueuedBackup(String node, String databases, String kind, int level, String expire, String volume) {

  private static final String PREFIX = "backup order ";
  private static final ObjectMapper JSON = new ObjectMapper();

  static QueuedBackup of(BackupPlan plan) {
    return new QueuedBackup(plan.node().name(), plan.databases().toString(), plan.kind().name(), plan.level(),
        plan.expire() == null ? null : plan.expire().toString(), plan.volume().name());
  }

  /** The parameters of a job that carries this order. */
  public String parameters() {
    try {
      return PREFIX + JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("a record of strings is always JSON", e);
    }
  }

  /** The order in a job's parameters, when they hold one. */
  public static Optional<QueuedBackup> in(String parameters) {
    if (parameters == null || !parameters.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(parameters.substring(PREFIX.length()), QueuedBackup.class));
    } catch (IOException e) {
      throw new EngineException("the parameters of a queued backup cannot be read: " + e.getMessage(), e);
    }
  }

  BackupOrder order() {
    BackupOrder order = BackupOrder.byHand(node, databases).kind(Enums.kind(kind)).level(level).volume(volume);
    return expire == null ? order : order.expire(Expire.parse(expire));
  }
}
