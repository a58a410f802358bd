package io.coffer.catalog.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The process carrying out a run: its host, its pid and the time it started. Pids are reused, so a
 * runner is alive only while a process with that pid exists <em>and</em> started at that time.
 *
 * <p>{@code host} identifies the machine whose processes the pid belongs to: the host name and, where
 * the system has one, the start of its machine id ({@code db1#3d1219a07c2e}). Two hosts that resolve
 * to the same name (a misconfigured "localhost") would otherwise take each other's runs for their own
 * and fail them; a container keeps a host name of its own.
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
    return new Runner(hostName(), process.pid(), process.info().startInstant().orElse(null));
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
    int mark = host.indexOf('#');
    return "process " + pid + " on " + (mark < 0 ? host : host.substring(0, mark));
  }

  /** The host name, then {@code #} and the first 12 characters of the machine id when there is one. */
  static String hostName() {
    String name = plainHostName();
    for (String file : new String[] {"/etc/machine-id", "/var/lib/dbus/machine-id"}) {
      try {
        String id = Files.readString(Path.of(file)).strip();
        if (id.length() >= 12) {
          return name + "#" + id.substring(0, 12);
        }
      } catch (IOException | RuntimeException e) {
        // No machine id here: the name alone.
      }
    }
    return name;
  }

  /** The host name as the volume locks record it: $HOSTNAME, else what the resolver says. */
  private static String plainHostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
