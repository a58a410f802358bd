package io.coffer.engine.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.engine.EngineException;
import io.coffer.engine.verify.VerifyOrder;
import java.io.IOException;
import java.util.Optional;

/**
 * How a verification asked for through the API is carried out: on another node than the backup's
 * ({@code onNode}, null for its own) and with how many parallel jobs loading data (0: the configured
 * number). It travels in the job's parameters as {@code verify order {json}} and is read back by the
 * agent that claims the job; a job without it verifies as before.
 */
public record QueuedVerification(String onNode, int jobs) {

  private static final String PREFIX = "verify order ";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The parameters of a job that carries this order. */
  String parameters() {
    try {
      return PREFIX + JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("a record of a string and a number is always JSON", e);
    }
  }

  /** The order in a job's parameters, when they hold one. */
  static Optional<QueuedVerification> in(String parameters) {
    if (parameters == null || !parameters.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(parameters.substring(PREFIX.length()), QueuedVerification.class));
    } catch (IOException e) {
      throw new EngineException("the parameters of a queued verification cannot be read: " + e.getMessage(), e);
    }
  }

  VerifyOrder order(long backup) {
    return VerifyOrder.of(backup).onNode(onNode).jobs(jobs);
  }
}
