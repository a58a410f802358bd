package io.coffer.repo;

/** Stored bytes failed authentication, hashing or parsing: the volume is damaged. */
public class CorruptDataException extends VolumeException {
  public CorruptDataException(String message) {
    super(message);
  }

  public CorruptDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
