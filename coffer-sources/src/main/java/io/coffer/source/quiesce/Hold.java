package io.coffer.source.quiesce;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A consistent view of a data directory, held until closed. Closing runs the method's release
 * (start command, post command, snapshot removal) exactly once, from whichever comes first: the
 * backup's own {@code finally}, or the JVM's shutdown hook when the process is told to stop.
 *
 * <p>Concurrency: {@link #close()} is synchronized, so the hook waits for a release already under
 * way on the backup thread instead of running it twice.
 */
public final class Hold implements AutoCloseable {

  /** What a method does to give the view up; runs once. */
  @FunctionalInterface
  public interface Release {
    void run(List<String> log) throws IOException;
  }

  private final String method;
  private final Path directory;
  private final Release release;
  private final Instant heldSince;
  private final List<String> log = new ArrayList<>();
  private final Thread hook;
  private final boolean downtime;
  private Instant releasedAt;
  private IOException failure;

  /**
   * @param directory where the consistent data directory can be read
   * @param downtime true when the database is stopped while held (stop-start), for the report
   */
  Hold(String method, Path directory, Instant heldSince, boolean downtime, List<String> log, Release release) {
    this.method = method;
    this.directory = directory;
    this.heldSince = heldSince;
    this.downtime = downtime;
    this.release = release;
    this.log.addAll(log);
    this.hook = new Thread(this::closeQuietly, "coffer-quiesce-release");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Where to read the data directory while held. */
  public Path directory() {
    return directory;
  }

  /** Releases the view; a second call returns at once (or rethrows the first failure). */
  @Override
  public synchronized void close() throws IOException {
    if (releasedAt != null) {
      if (failure != null) {
        throw failure;
      }
      return;
    }
    try {
      release.run(log);
    } catch (IOException e) {
      failure = e;
      throw e;
    } finally {
      releasedAt = Instant.now();
      removeHook();
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException e) {
      System.err.println("coffer: releasing the " + method + " quiesce at shutdown failed: " + e.getMessage());
    }
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // Called from the hook itself.
    }
  }

  /** What the quiesce did, once closed: the steps, and how long the database was down (stop-start). */
  public synchronized QuiesceReport report() {
    Duration held = Duration.between(heldSince, releasedAt == null ? Instant.now() : releasedAt);
    return new QuiesceReport(method, List.copyOf(log), downtime ? held : Duration.ZERO);
  }
}
