package io.coffer.repo.backend;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries the failed operations of another backend, for storage reached over a network.
 *
 * <p>Design: an IOException is retried up to {@code attempts} calls in all, waiting {@code
 * firstDelay}, then twice that, and so on (capped at {@link #MAX_DELAY}), each wait jittered by
 * ±50% so that agents failing together do not retry together. A missing file or a short read is an
 * answer, not a failure, and is never retried; nor is anything after the thread is interrupted.
 * Retrying is safe because every operation is idempotent: a repeated save writes the same name
 * again. Each retry is logged at WARN; the final failure keeps its cause and says how many attempts
 * were made. Stateless apart from the inner backend, so as thread-safe as it.
 */
public final class RetryingBackend implements Backend {

  static final Duration MAX_DELAY = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(RetryingBackend.class);

  private final Backend inner;
  private final int attempts;
  private final Duration firstDelay;

  public RetryingBackend(Backend inner, int attempts, Duration firstDelay) {
    if (attempts < 1) {
      throw new IllegalArgumentException("retry attempts must be ≥ 1, got " + attempts);
    }
    if (firstDelay.isNegative()) {
      throw new IllegalArgumentException("retry delay must be ≥ 0, got " + firstDelay);
    }
    this.inner = inner;
    this.attempts = attempts;
    this.firstDelay = firstDelay;
  }

  @Override
  public String location() {
    return inner.location();
  }

  /** Advice, passed on as it is: nothing to retry. */
  @Override
  public void willNeed(Handle handle, long offset, long length) {
    inner.willNeed(handle, offset, length);
  }

  @Override
  public void save(Handle handle, byte[] data) throws IOException {
    retry("save", handle.path(), () -> {
      inner.save(handle, data);
      return null;
    });
  }

  @Override
  public byte[] load(Handle handle) throws IOException {
    return retry("load", handle.path(), () -> inner.load(handle));
  }

  @Override
  public byte[] loadRange(Handle handle, long offset, int length) throws IOException {
    return retry("loadRange", handle.path(), () -> inner.loadRange(handle, offset, length));
  }

  @Override
  public void loadRange(Handle handle, long offset, int length, byte[] into) throws IOException {
    retry("loadRange", handle.path(), () -> {
      inner.loadRange(handle, offset, length, into);
      return null;
    });
  }

  @Override
  public void loadRange(Handle handle, long offset, int length, java.nio.ByteBuffer into) throws IOException {
    retry("loadRange", handle.path(), () -> {
      inner.loadRange(handle, offset, length, into);
      return null;
    });
  }

  @Override
  public long stat(Handle handle) throws IOException {
    return retry("stat", handle.path(), () -> inner.stat(handle));
  }

  @Override
  public List<FileInfo> list(FileType type) throws IOException {
    return retry("list", type.folder(), () -> inner.list(type));
  }

  @Override
  public void remove(Handle handle) throws IOException {
    retry("remove", handle.path(), () -> {
      inner.remove(handle);
      return null;
    });
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T retry(String operation, String path, Call<T> call) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (IOException e) {
        if (isAnswer(e) || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        if (attempt == attempts) {
          throw attempts == 1
              ? e
              : new IOException(
                  operation + " " + path + " failed after " + attempts + " attempts: "
                      + e.getMessage(),
                  e);
        }
        long delay = delayMillis(attempt);
        log.warn("{} {} failed (attempt {} of {}), retrying in {} ms: {}",
            operation, path, attempt, attempts, delay, e.getMessage());
        sleep(delay, e);
      }
    }
  }

  private static boolean isAnswer(IOException e) {
    return e instanceof NoSuchFileException
        || e instanceof EOFException
        || e instanceof InterruptedIOException;
  }

  /** firstDelay · 2^(attempt−1), capped, times a random factor in [0.5, 1.5). */
  private long delayMillis(int attempt) {
    long base = firstDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, MAX_DELAY.toMillis());
    return (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble()));
  }

  private static void sleep(long millis, IOException failure) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted =
          new InterruptedIOException("interrupted while waiting to retry: " + failure.getMessage());
      interrupted.initCause(failure);
      throw interrupted;
    }
  }
}
