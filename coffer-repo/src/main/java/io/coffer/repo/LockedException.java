package io.coffer.repo;

/** Another process holds a conflicting lock on the volume. */
public class LockedException extends VolumeException {
  public LockedException(String message) {
    super(message);
  }
}
