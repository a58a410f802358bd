package io.coffer.catalog.run;

import io.coffer.model.Host;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The process carrying out a run: its host, its pid and the time it started. Pids are reused, so a
 * runner is alive only while a process with that pid exists <em>and</em> started at that time.
 *
 * <p>{@code host} is the {@link Host#identity() identity} of the machine whose processes the pid
 * belongs to, so two hosts that resolve to the same name do not take each other's runs for their own
 * and fail them.
 */
public record Runner(String host, long pid, Instant processStart) {

  /** Process start times are read to 10 ms on Linux; allow for rounding. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);
  private static final Runner CURRENT = of(ProcessHandle.current());

  /** This process. */
  public static Runner current() {
    return CURRENT;
  }

  /** A process of this host. */
  public static Runner of(ProcessHandle process) {
    return new Runner(Host.identity(), process.pid(), process.info().startInstant().orElse(null));
  }

  /**
   * Whether this runner's process still runs; only meaningful on its own host. When the system does
   * not tell a process's start time, a process with the pid counts as alive: a run is never failed
   * while it may still go on.
   */
  public boolean isAlive() {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    Optional<Instant> started = process.get().info().startInstant();
    if (started.isEmpty() || processStart == null) {
      return true;
    }
    return Duration.between(started.get(), processStart).abs().compareTo(START_TOLERANCE) <= 0;
  }

  @Override
  public String toString() {
    return "process " + pid + " on " + Host.nameOf(host);
  }
}
