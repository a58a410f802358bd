package io.coffer.repo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pipe from one writing thread to one reading thread that lets both run at once: the writer fills
 * blocks and hands each over through a bounded queue, the reader takes them in order. {@link
 * java.io.PipedInputStream} wakes its writer only once the reader has emptied the whole buffer, and
 * its reader only once the writer has filled it, so a restore's volume reading and its loading into
 * the server took turns instead of overlapping.
 *
 * <p>Closing the output ends the stream for the reader. Closing the input early makes the writer's
 * next write fail, so a writer whose reader gave up never blocks forever.
 *
 * <p>A writer whose bytes never change once written (decoded segments of a volume) may lend them
 * instead ({@link #lendingOutput()}): a large write then travels through the queue as a slice of the
 * writer's array, without being copied into a block, and {@link InputStream#transferTo} hands each
 * slice on as it is. A restore fed a driver's COPY through two such copies of every byte.
 */
public final class BlockPipe {

  private static final Slice END = new Slice(new byte[0], 0, 0, false);
  private static final long POLL_MILLIS = 100;
  /** A lent write at least this long travels as a slice; shorter ones are copied into a block. */
  private static final int LEND_MIN = 64 * 1024;

  private final int blockSize;
  private final BlockingQueue<Slice> full;
  private final BlockingQueue<byte[]> free;
  private final Output output = new Output();
  private final Input input = new Input();
  private volatile boolean readerClosed;

  /** Holds at most {@code blocks} blocks of {@code blockSize} bytes in flight. */
  public BlockPipe(int blockSize, int blocks) {
    if (blockSize < 1 || blocks < 1) {
      throw new IllegalArgumentException("block size and block count must be positive");
    }
    this.blockSize = blockSize;
    this.full = new ArrayBlockingQueue<>(blocks + 1);
    this.free = new ArrayBlockingQueue<>(blocks + 1);
  }

  public OutputStream output() {
    return output;
  }

  /**
   * The same output, except that it keeps references to what it is given (no copy for writes of
   * 64 KiB and more): the writer must never change those bytes afterwards.
   */
  public OutputStream lendingOutput() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        output.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len < LEND_MIN) {
          output.write(b, off, len);
        } else {
          output.lend(b, off, len);
        }
      }

      @Override
      public void flush() throws IOException {
        output.flush();
      }

      @Override
      public void close() throws IOException {
        output.close();
      }
    };
  }

  /** A range of an array in the queue; {@code block} when the array is one of the pipe's own. */
  private record Slice(byte[] data, int offset, int length, boolean block) {}

  public InputStream input() {
    return input;
  }

  private final class Output extends OutputStream {
    private byte[] block;
    private int length;
    private boolean closed;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    /** Hands over what is buffered, then {@code b}'s range itself. */
    void lend(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("pipe closed by its writer");
      }
      flush();
      put(new Slice(b, off, len, false));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("pipe closed by its writer");
      }
      while (len > 0) {
        if (block == null) {
          byte[] reused = free.poll();
          block = reused != null ? reused : new byte[blockSize];
          length = 0;
        }
        int n = Math.min(len, blockSize - length);
        System.arraycopy(b, off, block, length, n);
        length += n;
        off += n;
        len -= n;
        if (length == blockSize) {
          hand(block, length);
          block = null;
        }
      }
    }

    /** Hands over what is buffered; the reader sees it without waiting for a full block. */
    @Override
    public void flush() throws IOException {
      if (block != null && length > 0) {
        hand(block, length);
        block = null;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      try {
        flush();
        put(END);
      } finally {
        closed = true;
      }
    }

    private void hand(byte[] data, int count) throws IOException {
      put(new Slice(data, 0, count, true));
    }

    private void put(Slice data) throws IOException {
      try {
        // Checked before offering: once the reader has taken the end it may close at any moment.
        while (readerClosed || !full.offer(data, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          if (readerClosed) {
            throw new IOException("pipe closed by its reader");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing to a pipe");
      }
    }
  }

  private final class Input extends InputStream {
    private Slice slice;
    private int position;
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!next()) {
        return -1;
      }
      int n = Math.min(len, slice.length() - position);
      System.arraycopy(slice.data(), slice.offset() + position, b, off, n);
      position += n;
      if (position == slice.length()) {
        recycle();
      }
      return n;
    }

    /** Writes each slice as it came, without copying it into a buffer first. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
      long total = 0;
      while (next()) {
        int n = slice.length() - position;
        out.write(slice.data(), slice.offset() + position, n);
        total += n;
        recycle();
      }
      return total;
    }

    @Override
    public int available() {
      return slice == null ? 0 : slice.length() - position;
    }

    @Override
    public void close() {
      readerClosed = true;
      full.clear();
      slice = null;
    }

    /** Makes {@code slice} a slice with unread bytes; false at the end of the stream. */
    private boolean next() throws IOException {
      if (readerClosed) {
        throw new IOException("pipe closed by its reader");
      }
      while (slice == null && !ended) {
        try {
          Slice taken = full.take();
          if (taken == END) {
            ended = true;
          } else if (taken.length() > 0) {
            slice = taken;
            position = 0;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading from a pipe");
        }
      }
      return slice != null;
    }

    /** A block of the pipe's own is reused by the writer; a lent array never. */
    private void recycle() {
      if (slice.block()) {
        free.offer(slice.data());
      }
      slice = null;
    }
  }
}
