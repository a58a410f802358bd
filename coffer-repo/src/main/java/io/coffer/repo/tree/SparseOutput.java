package io.coffer.repo.tree;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a file leaving every all-zero aligned block unwritten, so the holes of a sparse file stay
 * holes; on close the file is set to its full length (a trailing hole included).
 */
public final class SparseOutput extends OutputStream {

  private final RandomAccessFile file;
  private final FileChannel channel;
  private final byte[] block = new byte[SparseFiles.BLOCK];
  private int filled;
  private long position;
  private boolean closed;

  public SparseOutput(RandomAccessFile file) {
    this.file = file;
    this.channel = file.getChannel();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int take = Math.min(len, block.length - filled);
      System.arraycopy(b, off, block, filled, take);
      filled += take;
      off += take;
      len -= take;
      if (filled == block.length) {
        flushBlock();
      }
    }
  }

  private void flushBlock() throws IOException {
    if (!SparseFiles.allZero(block, 0, filled)) {
      ByteBuffer buffer = ByteBuffer.wrap(block, 0, filled);
      while (buffer.hasRemaining()) {
        channel.write(buffer, position + buffer.position());
      }
    }
    position += filled;
    filled = 0;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flushBlock();
      file.setLength(position);
    } finally {
      file.close();
    }
  }
}
