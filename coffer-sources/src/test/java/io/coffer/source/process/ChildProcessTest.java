package io.coffer.source.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChildProcessTest {

  private static Command sh(String label, String script) {
    return new Command(label, List.of("/bin/sh", "-c", script));
  }

  private static Reason reason(Throwable e) {
    return ((SourceException) e).reason();
  }

  @Test
  void stdinIsFedAndStdoutCopied() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChildProcess.run(sh("tr", "tr a-z A-Z"), new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), out,
        new Cancellation());
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("HELLO");
  }

  @Test
  void nonZeroExit_failsWithTheLabelStatusAndStderrTail() {
    assertThatThrownBy(() -> ChildProcess.run(sh("the tool", "echo partial; echo 'it broke' >&2; exit 3"), null,
            new ByteArrayOutputStream(), new Cancellation()))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CHILD_FAILED))
        .hasMessage("the tool exited with status 3: it broke");
  }

  @Test
  void killedChild_isReportedWithItsSignal() {
    assertThatThrownBy(() -> ChildProcess.run(sh("victim", "kill -9 $$"), null, new ByteArrayOutputStream(),
            new Cancellation()))
        .hasMessage("victim was killed by signal 9 (SIGKILL)");
  }

  @Test
  void missingExecutable_isToolNotFound() {
    assertThatThrownBy(() -> ChildProcess.run(new Command("ghost", List.of("/nonexistent/ghost")), null, null,
            new Cancellation()))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TOOL_NOT_FOUND))
        .hasMessageContaining("/nonexistent/ghost");
  }

  @Test
  void unreadableInput_killsTheChild_soItCannotSucceedOnHalfTheData() {
    InputStream failing = new SequenceInputStream(
        new ByteArrayInputStream("first half\n".getBytes(StandardCharsets.UTF_8)),
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("volume read failed");
          }
        });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // cat would exit 0 on a closed stdin; the failure must win.
    assertThatThrownBy(() -> ChildProcess.run(sh("cat", "cat"), failing, out, new Cancellation()))
        .hasMessage("volume read failed");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // `yes` never ends unless killed: fail rather than hang
  void failingOutput_killsTheChild() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    assertThatThrownBy(() -> ChildProcess.run(sh("yes", "yes"), null, full, new Cancellation()))
        .hasMessage("No space left on device");
    assertThat(ProcessHandle.current().descendants().filter(ChildProcessTest::running)
        .filter(p -> p.info().command().orElse("").endsWith("/yes"))).isEmpty();
  }

  /**
   * Alive and not a zombie: a killed grandchild stays a zombie until the process that adopts it
   * reaps it (here an init that reaps on its own schedule), and {@code isAlive} counts zombies.
   */
  private static boolean running(ProcessHandle p) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false; // gone
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // the child sleeps ten minutes unless killed
  void cancellation_killsTheRunningChild_andReportsCancelled() {
    Cancellation cancellation = new Cancellation();
    // Cancels on the child's first output, so the kill reaches a child that is surely running (a
    // timer could fire before it started, which tests the registration instead).
    OutputStream cancelOnOutput = new OutputStream() {
      @Override
      public void write(int b) {
        cancellation.cancel();
      }

      @Override
      public void write(byte[] b, int off, int len) {
        cancellation.cancel();
      }
    };
    assertThatThrownBy(() -> ChildProcess.run(sh("sleeper", "echo started; exec sleep 600"), null, cancelOnOutput, cancellation))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CANCELLED));
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().orElse("").endsWith("/sleep"))).isEmpty();
  }

}
