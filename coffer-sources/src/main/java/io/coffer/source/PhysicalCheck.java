package io.coffer.source;

import java.time.Duration;
import java.util.List;

/**
 * What the verification of a {@code PHYSICAL} backup found on a throwaway server started on its copy.
 *
 * @param startup how long the server took to recover and take connections
 * @param checks the checks that passed, in words
 * @param problems the checks that failed, in words; empty when the backup is good
 * @param tables tables read completely
 * @param rows rows read
 */
public record PhysicalCheck(Duration startup, List<String> checks, List<String> problems, long tables, long rows) {

  public PhysicalCheck {
    checks = List.copyOf(checks);
    problems = List.copyOf(problems);
  }

  public boolean passed() {
    return problems.isEmpty();
  }
}
