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

  /**
   * About how many bytes the backup will write: the members' sizes on disk, known once they are
   * resolved. A hint for a progress bar; the streams may come out smaller or larger.
   */
  default void expected(long bytes) {}

  /** A stream being written has reached this many bytes; called every few megabytes. */
  default void progress(String stream, long bytes) {}

  /** A stream was written completely. */
  default void streamWritten(StreamReport stream) {}

  /** A step started or finished, in words. */
  default void info(String message) {}

  /** Something the user should know; the operation goes on. */
  default void warn(String message) {}
}
