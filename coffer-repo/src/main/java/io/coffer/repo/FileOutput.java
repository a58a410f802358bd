package io.coffer.repo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A new file written through its channel, from arrays as any stream and from direct buffers as they are. */
final class FileOutput extends OutputStream implements DirectOutput {

  private final FileChannel channel;

  /** Creates {@code file}, which must not exist (create-new: no symlink planted there is followed). */
  FileOutput(Path file) throws IOException {
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
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
