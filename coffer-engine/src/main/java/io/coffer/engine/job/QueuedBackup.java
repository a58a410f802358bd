package io.coffer.engine.job;

import io.coffer.catalog.Enums;
import io.coffer.catalog.retention.Expire;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.BackupPlan;
import java.util.Optional;

/**
 * A backup of a node's databases asked for through the API and carried out by an agent: the order
 * travels in the job's parameters as {@code backup order {json}}, written from the plan that
 * accepted it (node, databases, kind, level, expiry, volume), and is read back by the agent that
 * claims the job.
 */
public record QueuedBackup(String node, String databases, String kind, int level, String expire, String volume) {

  private static final String PREFIX = "backup order ";

  static QueuedBackup of(BackupPlan plan) {
    return new QueuedBackup(plan.node().name(), plan.databases().toString(), plan.kind().name(), plan.level(),
        plan.expire() == null ? null : plan.expire().toString(), plan.volume().name());
  }

  /** The parameters of a job that carries this order. */
  public String parameters() {
    return JobParameters.write(PREFIX, this);
  }

  /** The order in a job's parameters, when they hold one. */
  public static Optional<QueuedBackup> in(String parameters) {
    return JobParameters.read(PREFIX, parameters, QueuedBackup.class, "backup");
  }

  BackupOrder order() {
    BackupOrder order = BackupOrder.byHand(node, databases).kind(Enums.kind(kind)).level(level).volume(volume);
    return expire == null ? order : order.expire(Expire.parse(expire));
  }
}
