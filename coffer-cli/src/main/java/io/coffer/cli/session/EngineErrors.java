package io.coffer.cli.session;

import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.cli.ExitCode;
import io.coffer.engine.EngineException;
import io.coffer.source.SourceException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps the failures of the engine and the layers below it to one line and an exit code: bad input
 * the catalog or engine refused is a usage error (2), naming the field, the value and what is
 * accepted; a failure of the work itself (a backup, the catalog unreachable, a node refusing) is 1.
 * Everything else goes to the command line's own handler.
 */
public final class EngineErrors implements IExecutionExceptionHandler {

  private static final String PREFIX = "coffer: ";

  private final IExecutionExceptionHandler next;

  public EngineErrors(IExecutionExceptionHandler next) {
    this.next = next;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) throws Exception {
    Throwable t = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
    PrintWriter err = cmd.getErr();
    if (t instanceof CatalogValidationException) {
      return fail(err, t.getMessage(), ExitCode.USAGE);
    }
    if (t instanceof EngineException || t instanceof CatalogException || t instanceof SourceException) {
      return fail(err, t.getMessage(), ExitCode.FAILURE);
    }
    if (ex instanceof UncheckedIOException && t.getMessage() != null) {
      return fail(err, ex.getMessage() + ": " + t.getMessage(), ExitCode.FAILURE);
    }
    return next.handleExecutionException(ex, cmd, parseResult);
  }

  private static int fail(PrintWriter err, String message, int code) {
    err.println(PREFIX + (message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", "; ")));
    err.flush();
    return code;
  }
}
