package io.coffer.source;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/** A sink that fails like a full disk once a number of bytes has been written in total. */
public class FaultySink extends MemoryStreams {

  private final long limit;
  private final AtomicLong written = new AtomicLong();

  public FaultySink(long limit) {
    this.limit = limit;
  }

  @Override
  public OutputStream create(String name) throws IOException {
    return new FilterOutputStream(super.create(name)) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (written.addAndGet(len) > limit) {
          throw new IOException("No space left on device (writing " + name + ")");
        }
        out.write(b, off, len);
      }
    };
  }
}
