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
import java.util.List;
import org.junit.jupiter.api.Test;

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
    long started = System.nanoTime();
    assertThatThrownBy(() -> ChildProcess.run(sh("yes", "yes"), null, full, new Cancellation()))
        .hasMessage("No space left on device");
    assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().orElse("").endsWith("/yes"))).isEmpty();
  }

  @Test
  void cancellation_killsTheChild_andReportsCancelled() throws Exception {
    Cancellation cancellation = new Cancellation();
    Thread canceller = new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      cancellation.cancel();
    });
    canceller.start();
    assertThatThrownBy(() -> ChildProcess.run(sh("sleeper", "sleep 30"), null, new ByteArrayOutputStream(), cancellation))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CANCELLED));
    canceller.join();
  }
}
