package io.coffer.source.postgres;

import io.coffer.source.ContentDigest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes a table's COPY output through while hashing it row by row. Computing the checksum from the
 * bytes as they stream costs one pass over data that is in the CPU cache anyway, instead of a second
 * read of the table. How a row's bytes are found depends on the COPY format ({@link PgTable#binary()}).
 */
abstract class CopyDigestStream extends FilterOutputStream {

  final ContentDigest digest = new ContentDigest();

  /** The target may be null: then the rows are only hashed (verification). */
  CopyDigestStream(OutputStream target) {
    super(target);
  }

  /** The digest stream for a table's COPY format. */
  static CopyDigestStream of(PgTable table, OutputStream target) {
    return table.binary() ? new BinaryCopyDigestStream(target) : new TextCopyDigestStream(target);
  }

  /** Hashes the rows in these bytes, continuing where the last call left off. */
  abstract void hash(byte[] b, int off, int len) throws IOException;

  /** Throws when the output ended where a COPY of this format cannot end. */
  void finish() throws IOException {}

  @Override
  public final void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public final void write(byte[] b, int off, int len) throws IOException {
    hash(b, off, len);
    if (out != null) {
      out.write(b, off, len);
    }
  }

  @Override
  public final void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  @Override
  public final void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }

  ContentDigest digest() {
    return digest;
  }
}
