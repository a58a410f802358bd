package io.coffer.repo;

import io.coffer.repo.tree.NativeFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A new file written through its channel, from arrays as any stream and from direct buffers as they
 * are. Every {@link #WRITEBACK_EVERY} bytes the kernel is asked to start writing what came before to
 * disk ({@link NativeFiles#startWriteback}), and at the close the rest of a file that large: a
 * restore syncs its target's filesystem at its end ({@code DiskSync}), and there it waited for the
 * whole of a large file's writeback, which now runs while the restore goes on, as pgBackRest's
 * sync of each file as soon as it is written does.
 */
final class FileOutput extends OutputStream implements DirectOutput {

  static final long WRITEBACK_EVERY = 2L << 20;
  private final Path file;
  private final FileChannel channel;
  private final boolean writeback = NativeFiles.available();
  private long written;
  private long writtenBack;

  /** Creates {@code file}, which must not exist (create-new: no symlink planted there is followed). */
  FileOutput(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    writeFully(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void write(ByteBuffer buffer, int offset, int length) throws IOException {
    writeFully(buffer.duplicate().clear().limit(offset + length).position(offset));
  }

  private void writeFully(ByteBuffer buffer) throws IOException {
    written += buffer.remaining();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    if (writeback && written - writtenBack >= WRITEBACK_EVERY) {
      startWriteback();
    }
  }

  private void startWriteback() {
    NativeFiles.startWriteback(file, writtenBack, written - writtenBack);
    writtenBack = written;
  }

  @Override
  public void close() throws IOException {
    channel.close();
    if (writtenBack > 0 && written > writtenBack) {
      startWriteback();
    }
  }
}
