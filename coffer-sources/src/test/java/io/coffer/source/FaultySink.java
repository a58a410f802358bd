package io.coffer.source;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** A sink that fails like a full disk once a number of bytes has been written in total. */
public final class FaultySink {

  private FaultySink() {}

  public static MemoryStreams failingAfter(long limit) {
    AtomicLong written = new AtomicLong();
    return MemoryStreams.beforeEachWrite((name, b, off, len) -> {
      if (written.addAndGet(len) > limit) {
        throw new IOException("No space left on device (writing " + name + ")");
      }
    });
  }
}
