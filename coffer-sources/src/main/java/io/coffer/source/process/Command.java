package io.coffer.source.process;

import java.util.List;
import java.util.Map;

/**
 * A child process to run.
 *
 * @param label what it does, for messages ({@code pg_dump pre-data of app})
 * @param argv the executable and its arguments; never a secret
 * @param environment variables added to this process's environment (may carry a secret)
 */
public record Command(String label, List<String> argv, Map<String, String> environment) {

  public Command {
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
  }

  public Command(String label, List<String> argv) {
    this(label, argv, Map.of());
  }
}
