package io.coffer.repo.chunker;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns a byte stream (pushed with {@link #write} or pulled with {@link #readAll}) into {@link Batch}es
 * of whole chunks. Not thread-safe: one Batcher per stream.
 *
 * <p>Each batch gets an array of its own, of {@code batchSize} bytes once the stream has filled a
 * few smaller ones; the unfinished tail of the
 * last chunk is copied into the next batch, so a chunk never spans two batches and a batch can be
 * handed to another thread as it is. The consumer hands a batch's array back with {@link #recycle}
 * once it is done with it, so a stream reuses a few arrays instead of allocating as many bytes as it
 * reads. A cut is only decided once {@code max} bytes past its start are known
 * (or the stream ended), so the chunks do not depend on how the input was split into writes.
 */
public final class Batcher {

  private final FastCdc cdc;
  private final int batchSize;
  private final Consumer<Batch> out;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private byte[] buf;
  private int fill;
  private long total;

  public Batcher(FastCdc cdc, int batchSize, Consumer<Batch> out) {
    this(cdc, batchSize, -1, out);
  }

  /**
   * A Batcher for a stream expected to hold {@code expected} bytes (a file's size when it was
   * stat'ed; negative when unknown), whose first array is just large enough for them: a tree of
   * thousands of small files otherwise allocated and zeroed two of the largest chunks' worth per
   * file. A stream longer than expected only takes more arrays, each twice the last.
   */
  public Batcher(FastCdc cdc, int batchSize, long expected, Consumer<Batch> out) {
    this.cdc = cdc;
    this.batchSize = Math.max(batchSize, 2 * cdc.max());
    this.out = out;
    // Small first, doubling up to batchSize: most streams of a database backup are small (a table
    // of a few hundred rows, the sequences), and a full batch each was 1 MiB of garbage per stream.
    this.buf = new byte[expected < 0 ? Math.min(this.batchSize, 2 * cdc.max())
        : expected < this.batchSize ? (int) expected + 1 : this.batchSize];
  }

  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      int n = Math.min(len, buf.length - fill);
      System.arraycopy(b, off, buf, fill, n);
      fill += n;
      off += n;
      len -= n;
      total += n;
      if (fill == buf.length) {
        emit(false);
      }
    }
  }

  /** Reads {@code in} to its end. */
  public void readAll(InputStream in) throws IOException {
    while (true) {
      int n = in.read(buf, fill, buf.length - fill);
      if (n < 0) {
        return;
      }
      fill += n;
      total += n;
      if (fill == buf.length) {
        emit(false);
      }
    }
  }

  /** Cuts and emits what is left. Call once, at the end of the stream. */
  public void finish() {
    emit(true);
    buf = null;
  }

  /**
   * Gives back the array of an emitted batch that nobody reads any more; a later batch reuses it.
   * Call from the thread that writes to this Batcher (the consumer runs on it).
   */
  public void recycle(Batch done) {
    if (done.data().length == batchSize && buf != null) {
      free.push(done.data());
    }
  }

  public long bytes() {
    return total;
  }

  private void emit(boolean eof) {
    int[] ends = new int[64];
    int count = 0;
    int pos = 0;
    while (pos < fill && (eof || fill - pos >= cdc.max())) {
      int len = cdc.cut(buf, pos, fill - pos);
      pos += len;
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, count * 2);
      }
      ends[count++] = pos;
    }
    byte[] next = eof ? null : !free.isEmpty() ? free.pop() : new byte[Math.min(batchSize, 2 * buf.length)];
    if (!eof) {
      System.arraycopy(buf, pos, next, 0, fill - pos);
    }
    if (count > 0) {
      out.accept(new Batch(buf, ends, count));
    }
    fill -= pos;
    buf = next;
  }
}
