package io.coffer.repo;

/**
 * Receives progress of long work. The terminal progress bar and the API's percentage are two
 * listeners; the core never imports a UI. Implementations must be thread-safe and cheap.
 */
public interface ProgressListener {

  ProgressListener NONE = new ProgressListener() {};

  /** A phase starts; {@code total} is in {@code unit}s, or -1 when unknown. */
  default void start(String phase, long total, String unit) {}

  default void advance(long amount) {}

  default void done() {}
}
