package io.coffer.cli;

/**
 * A failure the user can act on that the command line itself detects (a missing input file, no
 * passphrase available). Printed as one line; exit code 1.
 */
public class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
