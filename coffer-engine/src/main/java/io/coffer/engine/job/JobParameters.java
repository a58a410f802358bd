package io.coffer.engine.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.engine.EngineException;
import java.io.IOException;
import java.util.Optional;

/**
 * An order carried in a job's parameters as {@code PREFIX {json}}: written by whoever queues the job,
 * read back by the agent that claims it. Parameters without the prefix carry no such order.
 */
final class JobParameters {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JobParameters() {}

  static String write(String prefix, Object order) {
    try {
      return prefix + JSON.writeValueAsString(order);
    } catch (IOException e) {
      throw new IllegalStateException("a record of strings and numbers is always JSON", e);
    }
  }

  /** The order in {@code parameters}, when they start with {@code prefix}; {@code what} names it in an error. */
  static <T> Optional<T> read(String prefix, String parameters, Class<T> type, String what) {
    if (parameters == null || !parameters.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(parameters.substring(prefix.length()), type));
    } catch (IOException e) {
      throw new EngineException("the parameters of a queued " + what + " cannot be read: " + e.getMessage(), e);
    }
  }
}
