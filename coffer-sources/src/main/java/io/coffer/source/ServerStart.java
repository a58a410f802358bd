package io.coffer.source;

import io.coffer.source.SourceException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Waiting for a throwaway server (started on a restored copy to verify it) to take connections, and
 * the excerpt of its log that says why when it does not. One loop for every engine: only how to
 * connect and which log lines give the reason differ.
 */
public final class ServerStart {

  /** How long a copy may take to start: crash recovery of a large copy can take long. */
  public static final Duration LIMIT = Duration.ofMinutes(30);

  /** One attempt to connect; returns when the server took the connection. */
  public interface Attempt {
    void connect() throws IOException, SQLException;
  }

  private ServerStart() {}

  /**
   * Returns once {@code attempt} succeeds; fails at once when the process exits, and after {@link
   * #LIMIT} (killing the process), with the log's reason lines and last lines.
   */
  public static void awaitConnections(Process p, Path log, Predicate<String> reason, int lastLines, Attempt attempt)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new SourceException(Reason.VERIFY_FAILED, "the server on the restored copy exited with code "
            + p.exitValue() + " before it took connections: " + logExcerpt(log, reason, lastLines));
      }
      try {
        attempt.connect();
        return;
      } catch (IOException | SQLException e) {
        last = e;
      }
      Thread.sleep(250);
    }
    p.destroyForcibly();
    throw new SourceException(Reason.VERIFY_FAILED, "the server on the restored copy took no connections within "
        + LIMIT.toMinutes() + " minutes (" + (last == null ? "" : last.getMessage()) + "): "
        + logExcerpt(log, reason, lastLines));
  }

  /**
   * The log's lines that say why (at most four, matched by {@code reason}), then its last lines: the
   * reason often comes first and is followed by more than a screen of hints and shutdown lines.
   */
  public static String logExcerpt(Path log, Predicate<String> reason, int lastLines) {
    try {
      List<String> lines = Files.readAllLines(log);
      List<String> shown = new ArrayList<>(lines.stream().filter(reason).limit(4).toList());
      for (String line : lines.subList(Math.max(0, lines.size() - lastLines), lines.size())) {
        if (!shown.contains(line)) {
          shown.add(line);
        }
      }
      return String.join(" | ", shown);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
