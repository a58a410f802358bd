package io.coffer.source.postgres;

import io.coffer.source.Newlines;
import java.io.OutputStream;

/**
 * Hashes COPY text output: every row is exactly one line (newlines inside values are escaped as
 * {@code \n}), so a row's bytes are the bytes between two newlines.
 */
final class TextCopyDigestStream extends CopyDigestStream {

  TextCopyDigestStream(OutputStream target) {
    super(target);
  }

  @Override
  void hash(byte[] b, int off, int len) {
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
  }
}
