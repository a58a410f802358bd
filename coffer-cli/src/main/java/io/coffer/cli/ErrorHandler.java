package io.coffer.cli;

import io.coffer.repo.VolumeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Maps every failure of every command to a message and an exit code, in one place.
 *
 * <p>Usage errors (bad arguments, option values that fail validation) exit 2; errors the user can
 * act on ({@link VolumeException}, {@link UserException}, I/O errors of the machine) exit 1 with one
 * line and no stack trace; anything else is a bug and prints its stack trace so it can be reported.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  static final String PREFIX = "coffer: ";

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(PREFIX + oneLine(ex.getMessage()));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    int code;
    if (t instanceof VolumeException || t instanceof UserException) {
      err.println(PREFIX + oneLine(t.getMessage()));
      code = ExitCode.FAILURE;
    } else if (t instanceof IllegalArgumentException) {
      err.println(PREFIX + oneLine(t.getMessage()));
      code = ExitCode.USAGE;
    } else if (t instanceof IOException io) {
      err.println(PREFIX + oneLine(describe(io)));
      code = ExitCode.FAILURE;
    } else {
      err.println(PREFIX + "unexpected error, please report it with the trace below");
      t.printStackTrace(err);
      code = ExitCode.FAILURE;
    }
    err.flush();
    return code;
  }

  /** The JDK's file exceptions carry only a path as message; say what went wrong with it. */
  static String describe(IOException e) {
    String what = e.getMessage();
    if (e instanceof NoSuchFileException) {
      return "no such file or directory: " + what;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + what;
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists: " + what;
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory: " + what;
    }
    return "I/O error (" + e.getClass().getSimpleName() + "): " + what;
  }

  private static String oneLine(String message) {
    return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
