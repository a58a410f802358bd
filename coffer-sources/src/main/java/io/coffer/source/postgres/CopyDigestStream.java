package io.coffer.source.postgres;

import io.coffer.source.ContentDigest;
import io.coffer.source.Newlines;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes COPY text output through while hashing it row by row. In COPY's text format every row is
 * exactly one line (newlines inside values are escaped as {@code \n}), so a row's bytes are the
 * bytes between two newlines. Computing the checksum from the bytes as they stream costs one pass
 * over data that is in the CPU cache anyway, instead of a second read of the table.
 */
final class CopyDigestStream extends FilterOutputStream {

  private final ContentDigest digest = new ContentDigest();

  /** The target may be null: then the rows are only hashed (verification). */
  CopyDigestStream(OutputStream target) {
    super(target);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    int end = off + len;
    int newline;
    // The search for the newline is a loop of its own: with the hashing calls inside one loop over
    // the bytes, this ran at ~360 MB/s; apart, at ~1.4 GB/s (one COPY reading thread of a backup).
    while ((newline = Newlines.next(b, start, end)) >= 0) {
      digest.update(b, start, newline - start);
      digest.endRow();
      start = newline + 1;
    }
    if (start < end) {
      digest.update(b, start, end - start);
    }
    if (out != null) {
      out.write(b, off, len);
    }
  }

  @Override
  public void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }

  ContentDigest digest() {
    return digest;
  }
}
