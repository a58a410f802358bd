package io.coffer.source;

/**
 * Hears what a driver does, for progress bars, logs and the API. Called from the driver's worker
 * threads, so implementations must be thread-safe. Every method has a no-op default.
 */
public interface SourceListener {

  /** Does nothing. */
  SourceListener NONE = new SourceListener() {};

  /** A restore computed its plan; called before anything changes. */
  default void planned(RestorePlan plan) {}

  /** A stream was written completely. */
  default void streamWritten(StreamReport stream) {}

  /** A step started or finished, in words. */
  default void info(String message) {}

  /** Something the user should know; the operation goes on. */
  default void warn(String message) {}
}
