package io.coffer.engine.job;

import io.coffer.engine.verify.VerifyOrder;
import java.util.Optional;

/**
 * How a verification asked for through the API is carried out: on another node than the backup's
 * ({@code onNode}, null for its own) and with how many parallel jobs loading data (0: the configured
 * number). It travels in the job's parameters as {@code verify order {json}} and is read back by the
 * agent that claims the job; a job without it verifies as before.
 */
public record QueuedVerification(String onNode, int jobs) {

  private static final String PREFIX = "verify order ";

  /** The parameters of a job that carries this order. */
  String parameters() {
    return JobParameters.write(PREFIX, this);
  }

  /** The order in a job's parameters, when they hold one. */
  static Optional<QueuedVerification> in(String parameters) {
    return JobParameters.read(PREFIX, parameters, QueuedVerification.class, "verification");
  }

  VerifyOrder order(long backup) {
    return VerifyOrder.of(backup).onNode(onNode).jobs(jobs);
  }
}
