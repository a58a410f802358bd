package io.coffer.source.process;

import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one child process to completion with its stdin fed from a stream and its stdout copied into
 * one, and fails unless it exited with status 0.
 *
 * <p>Design: the calling thread copies stdout (so back-pressure from a slow sink reaches the child
 * through the pipe, and no temporary copy is made); a second thread feeds stdin and a third drains
 * stderr. A failure on our side (the sink refuses a write, the source cannot be read, the operation
 * is cancelled) kills the child at once: a child that merely saw its input end early could exit 0
 * with half the data, which must never pass as success.
 */
public final class ChildProcess {

  private static final int BUFFER = 1 << 16;
  /** A read shorter than this emptied the pipe early: the child writes slower than we read. */
  private static final int SHORT_READ = BUFFER / 2;
  /** How long to let the pipe fill after a short read; well under what fills its 64 KiB. */
  private static final long SHORT_READ_PAUSE_NANOS = 200_000;
  private static final int KILL_WAIT_SECONDS = 5;

  private ChildProcess() {}

  /**
   * Runs the command.
   *
   * @param input fed to the child's stdin, then closed; null closes stdin at once
   * @param output receives the child's stdout; null discards it
   * @param cancellation kills the child when another part of the operation failed
   * @throws SourceException CHILD_FAILED when the child exits non-zero or is killed, TOOL_NOT_FOUND
   *     when it cannot be started, CANCELLED when the operation was cancelled
   */
  public static void run(
      Command command, InputStream input, OutputStream output, Cancellation cancellation)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command.argv());
    builder.environment().putAll(command.environment());
    if (output == null) {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SourceException(
          Reason.TOOL_NOT_FOUND,
          "cannot start " + command.label() + " (" + command.argv().get(0) + "): " + e.getMessage(),
          e);
    }
    StderrTail stderr = new StderrTail(process.getErrorStream(), command.label());
    AtomicReference<IOException> inputFailure = new AtomicReference<>();
    AtomicReference<IOException> feedFailure = new AtomicReference<>();
    try (Cancellation.Registration ignored = cancellation.onCancel(() -> kill(process))) {
      Thread feeder = feed(process, input, command.label(), inputFailure, feedFailure);
      IOException readFailure = output == null ? null : copyStdout(process, output);
      int exit = process.waitFor();
      feeder.join();
      String tail = stderr.text();
      if (cancellation.cancelled()) {
        throw new SourceException(Reason.CANCELLED, command.label() + " was stopped");
      }
      if (inputFailure.get() != null) {
        throw inputFailure.get();
      }
      if (exit != 0) {
        throw new SourceException(
            Reason.CHILD_FAILED,
            command.label() + " " + describe(exit) + (tail.isEmpty() ? "" : ": " + tail));
      }
      if (readFailure != null) {
        throw new SourceException(
            Reason.CHILD_FAILED,
            "the output of " + command.label() + " could not be read: " + readFailure.getMessage(),
            readFailure);
      }
      if (feedFailure.get() != null) {
        throw new SourceException(
            Reason.CHILD_FAILED,
            command.label() + " stopped reading its input: " + feedFailure.get().getMessage(),
            feedFailure.get());
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(command.label() + " was interrupted");
    } catch (IOException | RuntimeException e) {
      kill(process);
      throw e;
    }
  }

  /** Runs the command and returns its stdout as text (for {@code --version} and the like). */
  public static String capture(Command command) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    run(command, null, out, new Cancellation());
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Copies the child's stdout into the output. A failed write (the sink is full) is thrown, and
   * the caller kills the child; a failed read is returned, because when the child dies the JDK may
   * close its pipe under the reader, and the exit status then tells the real story.
   *
   * <p>Why the pause after a short read: a dump tool writes through stdio in 4 KiB pieces, and a
   * reader that keeps up is woken for each one. A 338 MB mariadb-dump read this way took 73,000 reads
   * of ~4.6 KiB and over a second of system time (both sides of the pipe together), and 1.2 to 1.7
   * times as long as the same dump to /dev/null on two cores. Pausing 0.2 ms after a read of less
   * than half the buffer lets several pieces gather (~26 KiB a read, 12,800 reads): half the system
   * time, and the dump 0.6 to 1.0 s faster (docs/benchmarks.md). At that dump's speed the 64 KiB pipe
   * is far from full after 0.2 ms, so the writer does not wait on it; the pause only costs latency,
   * up to 0.2 ms per read.
   */
  private static IOException copyStdout(Process process, OutputStream output) throws IOException {
    byte[] buffer = new byte[BUFFER];
    try (InputStream stdout = process.getInputStream()) {
      while (true) {
        int n;
        try {
          n = stdout.read(buffer);
        } catch (IOException e) {
          return e;
        }
        if (n < 0) {
          return null;
        }
        output.write(buffer, 0, n);
        if (n < SHORT_READ) {
          LockSupport.parkNanos(SHORT_READ_PAUSE_NANOS);
        }
      }
    }
  }

  private static Thread feed(
      Process process,
      InputStream input,
      String label,
      AtomicReference<IOException> inputFailure,
      AtomicReference<IOException> feedFailure) {
    Thread thread =
        new Thread(
            () -> {
              try (OutputStream stdin = process.getOutputStream()) {
                if (input == null) {
                  return;
                }
                byte[] buffer = new byte[BUFFER];
                while (true) {
                  int n;
                  try {
                    n = input.read(buffer);
                  } catch (IOException e) {
                    inputFailure.set(e);
                    kill(process);
                    return;
                  }
                  if (n < 0) {
                    return;
                  }
                  stdin.write(buffer, 0, n);
                }
              } catch (IOException e) {
                // Usually a broken pipe because the child exited; its exit status tells why.
                feedFailure.set(e);
              }
            },
            "stdin of " + label);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Kills the child and its descendants, and waits (briefly) until the child is gone: SIGKILL is
   * delivered asynchronously, and a caller told that the child was killed must not find it running.
   * Descendants are orphaned by the kill and reaped by whichever process adopts them, not by us.
   */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      // A process that outlives SIGKILL for seconds is stuck in the kernel; nothing more to do then.
      process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String describe(int exit) {
    if (exit > 128 && exit < 160) {
      int signal = exit - 128;
      String name = signal == 9 ? " (SIGKILL)" : signal == 15 ? " (SIGTERM)" : "";
      return "was killed by signal " + signal + name;
    }
    return "exited with status " + exit;
  }
}
