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
 */
public final class BlockPipe {

  private static final byte[] END = new byte[0];
  private static final long POLL_MILLIS = 100;

  private final int blockSize;
  private final BlockingQueue<byte[]> full;
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
      put(count == data.length ? data : java.util.Arrays.copyOf(data, count));
    }

    private void put(byte[] data) throws IOException {
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
    private byte[] block;
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
      int n = Math.min(len, block.length - position);
      System.arraycopy(block, position, b, off, n);
      position += n;
      if (position == block.length) {
        recycle();
      }
      return n;
    }

    @Override
    public int available() {
      return block == null ? 0 : block.length - position;
    }

    @Override
    public void close() {
      readerClosed = true;
      full.clear();
      block = null;
    }

    /** Makes {@code block} a block with unread bytes; false at the end of the stream. */
    private boolean next() throws IOException {
      if (readerClosed) {
        throw new IOException("pipe closed by its reader");
      }
      while (block == null && !ended) {
        try {
          byte[] taken = full.take();
          if (taken == END) {
            ended = true;
          } else if (taken.length > 0) {
            block = taken;
            position = 0;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading from a pipe");
        }
      }
      return block != null;
    }

    private void recycle() {
      if (block.length == blockSize) {
        free.offer(block);
      }
      block = null;
    }
  }
}
