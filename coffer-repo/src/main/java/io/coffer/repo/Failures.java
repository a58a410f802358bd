package io.coffer.repo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

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

  /**
   * Waits for work handed to a pool and returns its result; its failure is thrown as {@link #rethrow}
   * throws it, and an interrupt becomes an InterruptedIOException saying what was being done.
   */
  static <T> T get(Future<T> future, String what) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + what);
    } catch (ExecutionException e) {
      rethrow(e.getCause(), what);
      throw new IOException(what + " failed", e);
    }
  }
}
