package io.coffer.source.quiesce;

import io.coffer.source.SourceException;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the tools of the quiesce methods ({@code btrfs}, {@code lvcreate}, {@code zfs}, {@code sh})
 * with a time limit, found on a search path of its own: the JDK looks executables up on the PATH
 * this JVM started with, so tests could not otherwise put recording fakes in front of the real ones.
 */
public final class Tools {

  private final List<Path> path;

  public Tools(String searchPath) {
    List<Path> dirs = new ArrayList<>();
    for (String dir : (searchPath == null ? "" : searchPath).split(":")) {
      if (!dir.isEmpty()) {
        dirs.add(Path.of(dir));
      }
    }
    this.path = List.copyOf(dirs);
  }

  /** The tools on this process's PATH. */
  public static Tools system() {
    return new Tools(System.getenv("PATH"));
  }

  /** A user's command line, run by {@code sh -c}. */
  public String shell(String label, String commandLine, Duration timeout, Cancellation cancellation)
      throws IOException {
    return run(label, timeout, cancellation, "sh", "-c", commandLine);
  }

  /**
   * Runs {@code argv} and returns its standard output. Fails with the tool's last error lines when it
   * exits non-zero, when it runs longer than {@code timeout} (it is killed), or when the backup is
   * cancelled.
   */
  public String run(String label, Duration timeout, Cancellation cancellation, String... argv) throws IOException {
    List<String> command = new ArrayList<>(List.of(argv));
    command.set(0, find(argv[0]).toString());
    Cancellation own = new Cancellation();
    AtomicBoolean timedOut = new AtomicBoolean();
    Thread timer = new Thread(() -> {
      try {
        Thread.sleep(timeout.toMillis());
        timedOut.set(true);
        own.cancel();
      } catch (InterruptedException finished) {
        // The command ended first.
      }
    }, "coffer-timeout " + label);
    timer.setDaemon(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Cancellation.Registration ignored = cancellation.onCancel(own::cancel)) {
      timer.start();
      ChildProcess.run(new Command(label, command), null, out, own);
    } catch (SourceException e) {
      if (timedOut.get()) {
        throw new SourceException(SourceException.Reason.CHILD_FAILED,
            label + " did not finish within " + timeout.toSeconds() + " s and was killed", e);
      }
      throw e;
    } finally {
      timer.interrupt();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The executable {@code name} on this search path (an absolute name is taken as it is). */
  public Path find(String name) throws SourceException {
    if (name.contains("/")) {
      return Path.of(name);
    }
    for (Path dir : path) {
      Path candidate = dir.resolve(name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new SourceException(SourceException.Reason.TOOL_NOT_FOUND, name + " is not installed: not found on the"
        + " search path " + path);
  }
}
