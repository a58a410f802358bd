package io.coffer.repo;

import io.coffer.repo.manifest.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The writing end of a pushed stream whose chunking runs on a thread of its own: the writer only
 * copies its bytes into blocks of a {@link BlockPipe}; the chunker task reads the pipe to its end and
 * makes the stream's entry, which {@link #close()} waits for and hands on.
 *
 * <p>Why: the writer is usually a driver's thread that also reads the database's output and hashes
 * its rows. With cutting, hash dispatch and storing on that thread as well, it could not keep up
 * with one server process, and a backup of one big table used one core of two. Memory stays bounded:
 * at most {@link #BLOCKS} blocks of {@link #BLOCK} bytes wait between the two threads.
 *
 * <p>Failures: when the chunker fails it closes the pipe's input, so the writer's next write fails,
 * with the chunker's error rethrown rather than the pipe's "closed by its reader". Not thread-safe:
 * one writer thread per stream. Once closed, {@link #entry()} is what the stream became.
 */
public final class ChunkerHandoff extends OutputStream {

  static final int BLOCK = 256 << 10;
  static final int BLOCKS = 8;

  /** Reads a stream to its end and returns its entry; runs on the chunker thread. */
  @FunctionalInterface
  interface Chunking {
    Entry run(InputStream in) throws IOException;
  }

  private final BlockPipe pipe = new BlockPipe(BLOCK, BLOCKS);
  private final OutputStream out = pipe.output();
  private final Future<Entry> chunked;
  private final Consumer<Entry> done;
  private boolean closed;
  private Entry entry;
  /** The chunker's failure once reported; later calls report it wrapped, never the same object twice. */
  private Throwable reported;

  ChunkerHandoff(ExecutorService chunkers, Chunking chunking, Consumer<Entry> done) {
    this.done = done;
    this.chunked =
        chunkers.submit(
            () -> {
              try (InputStream in = pipe.input()) {
                return chunking.run(in);
              }
            });
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream already closed");
    }
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      // The pipe only fails a write once the chunker has given up; its error is the one to report.
      throw chunkerFailure(e);
    }
  }

  /** Nothing to do: blocks are handed over when full, and the rest on close. */
  @Override
  public void flush() {}

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw chunkerFailure(e);
    }
    entry = await();
    done.accept(entry);
  }

  /** The backup's entry this stream became: its size and blobs. Only once closed without error. */
  public Entry entry() {
    if (entry == null) {
      throw new IllegalStateException("the stream is not stored until it is closed without error");
    }
    return entry;
  }

  private IOException chunkerFailure(IOException writeFailure) throws IOException {
    await();
    return writeFailure;
  }

  private Entry await() throws IOException {
    if (reported != null) {
      // A writer's try-with-resources adds close()'s exception to write()'s as suppressed, which
      // fails ("self-suppression") when both are the same object.
      throw new IOException("the stream was not stored: " + reported.getMessage(), reported);
    }
    try {
      return chunked.get();
    } catch (InterruptedException e) {
      chunked.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while a stream was being chunked");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      reported = cause;
      Failures.rethrow(cause, "chunking the stream");
      throw new IOException("chunking the stream failed", e);
    }
  }
}
