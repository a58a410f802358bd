package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.CorruptDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** One place maps failures to exit codes: user errors are one line, bugs keep their stack trace. */
class ErrorHandlerTest {

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    private final Exception toThrow;

    Boom(Exception toThrow) {
      this.toThrow = toThrow;
    }

    @Override
    public Integer call() throws Exception {
      throw toThrow;
    }
  }

  private record Run(int code, String err) {}

  private static Run run(Exception e) {
    ErrorHandler h = new ErrorHandler();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Boom(e)).setExecutionExceptionHandler(h).setParameterExceptionHandler(h).setErr(new PrintWriter(err, true)).execute();
    return new Run(code, err.toString());
  }

  @Test
  void volumeException_isOneLineAndExit1() {
    Run r = run(new CorruptDataException("pack data/ab/ab12 is damaged", new IllegalStateException("inner")));
    assertThat(r).isEqualTo(new Run(1, "coffer: pack data/ab/ab12 is damaged\n"));
  }

  @Test
  void userException_isOneLineAndExit1() {
    assertThat(run(new UserException("no passphrase"))).isEqualTo(new Run(1, "coffer: no passphrase\n"));
  }

  @Test
  void illegalArgument_isAUsageError() {
    assertThat(run(new IllegalArgumentException("location 'x' is not accepted"))).isEqualTo(new Run(2, "coffer: location 'x' is not accepted\n"));
  }

  @Test
  void ioErrors_sayWhatWentWrongInOneLine() {
    assertThat(run(new AccessDeniedException("/srv/vol/config"))).isEqualTo(new Run(1, "coffer: permission denied: /srv/vol/config\n"));
    assertThat(run(new UncheckedIOException(new IOException("No space left on device"))))
        .isEqualTo(new Run(1, "coffer: I/O error (IOException): No space left on device\n"));
  }

  @Test
  void multiLineMessages_areFoldedIntoOneLine() {
    assertThat(run(new UserException("first\nsecond"))).isEqualTo(new Run(1, "coffer: first; second\n"));
  }

  @Test
  void bugs_printTheirStackTrace() {
    Run r = run(new NullPointerException("oops"));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("coffer: unexpected error").contains("java.lang.NullPointerException: oops").contains("\tat io.coffer.cli.ErrorHandlerTest.");
  }

  @Test
  void parameterErrors_exit2WithAHint() {
    ErrorHandler h = new ErrorHandler();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Boom(null)).setParameterExceptionHandler(h).setErr(new PrintWriter(err, true)).execute("--nope");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("coffer: Unknown option: '--nope'").contains("Try 'boom --help'");
  }
}
