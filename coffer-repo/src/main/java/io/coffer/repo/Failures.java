package io.coffer.repo;

import java.io.IOException;

/** A failure caught on a worker thread, thrown again on the thread that waits for the work. */
final class Failures {

  private Failures() {}

  /**
   * Throws {@code t} as it is when it is an IOException, a RuntimeException or an Error, else
   * wrapped in an IOException saying {@code what} failed; returns when {@code t} is null.
   */
  static void rethrow(Throwable t, String what) throws IOException {
    if (t == null) {
      return;
    }
    if (t instanceof IOException e) {
      throw e;
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IOException(what + " failed", t);
  }
}
