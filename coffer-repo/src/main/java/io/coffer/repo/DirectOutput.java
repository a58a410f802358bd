package io.coffer.repo;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An output that takes bytes from a direct buffer where they lie: a restored file's channel writes
 * them with no copy, where an {@link java.io.OutputStream} given an array has the JDK copy it into a
 * direct buffer of its own first.
 */
interface DirectOutput {

  /** Writes {@code length} bytes of {@code buffer} at {@code offset}; its position and limit are left as they are. */
  void write(ByteBuffer buffer, int offset, int length) throws IOException;
}
