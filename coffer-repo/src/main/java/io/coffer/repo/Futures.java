package io.coffer.repo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The result of work handed to a pool, with its failure thrown as the work threw it. */
final class Futures {

  private Futures() {}

  /**
   * Waits for {@code future}: its IOException or RuntimeException is thrown as it was; an interrupt
   * becomes an InterruptedIOException saying what was being done ({@code doing}).
   */
  static <T> T get(Future<T> future, String doing) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + doing);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(c);
    }
  }
}
