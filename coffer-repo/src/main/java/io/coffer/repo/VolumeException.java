package io.coffer.repo;

/**
 * An error the user can act on (wrong passphrase, not a volume, damaged data, lock held). Its message
 * is complete and printable on its own; it never contains a secret.
 */
public class VolumeException extends RuntimeException {
  public VolumeException(String message) {
    super(message);
  }

  public VolumeException(String message, Throwable cause) {
    super(message, cause);
  }
}
