package io.coffer.source.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Hashes COPY's binary output. The format (PostgreSQL's COPY documentation, "Binary Format"): a
 * header of an 11-byte signature, 32-bit flags and a 32-bit length of a header extension that
 * follows; then per row a 16-bit field count and per field a 32-bit length (-1 for NULL) and that
 * many bytes; last a field count of -1. All integers are big-endian. A row's bytes, as hashed, are
 * its field count and fields. The values themselves are skipped, not scanned: only the few length
 * bytes per row are looked at one by one.
 */
final class BinaryCopyDigestStream extends CopyDigestStream {

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  /** The signature, the flags and the extension's length. */
  private static final int HEADER_BYTES = SIGNATURE.length + 8;
  /** Flag bit 16 says each row has an oid; bits 17–31 are critical: a reader must refuse them. */
  private static final int REFUSED_FLAGS = 0xffff0000;

  private enum State { HEADER, EXTENSION, COUNT, LENGTH, VALUE, END }

  private State state = State.HEADER;
  /** The fixed-size item being gathered: the header, a field count or a field length. */
  private final byte[] item = new byte[HEADER_BYTES];
  private int gathered;
  /** Bytes left of the header extension or of the current value. */
  private long remaining;
  /** Fields left in the current row. */
  private int fields;

  BinaryCopyDigestStream(OutputStream target) {
    super(target);
  }

  @Override
  void hash(byte[] b, int off, int len) throws IOException {
    int i = off;
    int end = off + len;
    // Where the current row's bytes in b start; the field count is hashed when complete, the
    // lengths and values in ranges of b.
    int rowStart = off;
    while (i < end) {
      switch (state) {
        case HEADER -> {
          int take = Math.min(HEADER_BYTES - gathered, end - i);
          System.arraycopy(b, i, item, gathered, take);
          gathered += take;
          i += take;
          if (gathered == HEADER_BYTES) {
            header();
          }
        }
        case EXTENSION -> {
          int take = (int) Math.min(remaining, end - i);
          i += take;
          remaining -= take;
          if (remaining == 0) {
            state = State.COUNT;
          }
        }
        case COUNT -> {
          item[gathered++] = b[i++];
          if (gathered == 2) {
            gathered = 0;
            int count = (short) (((item[0] & 0xff) << 8) | (item[1] & 0xff));
            if (count == -1) {
              state = State.END;
            } else if (count < 0) {
              throw new IOException("binary COPY output has a row of " + count + " fields");
            } else {
              digest.update(item, 0, 2);
              rowStart = i;
              fields = count;
              state = State.LENGTH;
              if (count == 0) {
                digest.endRow();
                state = State.COUNT;
              }
            }
          }
        }
        case LENGTH -> {
          item[gathered++] = b[i++];
          if (gathered == 4) {
            gathered = 0;
            int length = readInt(0);
            if (length < -1) {
              throw new IOException("binary COPY output has a field of length " + length);
            }
            if (length > 0) {
              remaining = length;
              state = State.VALUE;
            } else if (fieldDone()) {
              rowDone(b, rowStart, i);
            }
          }
        }
        case VALUE -> {
          int take = (int) Math.min(remaining, end - i);
          i += take;
          remaining -= take;
          if (remaining == 0 && fieldDone()) {
            rowDone(b, rowStart, i);
          }
        }
        case END -> throw new IOException("binary COPY output goes on after its end marker");
      }
    }
    if (state == State.LENGTH || state == State.VALUE) {
      digest.update(b, rowStart, end - rowStart);
    }
  }

  private void header() throws IOException {
    if (!Arrays.equals(item, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
      throw new IOException("COPY output does not start with the binary COPY signature");
    }
    int flags = readInt(SIGNATURE.length);
    if ((flags & REFUSED_FLAGS) != 0) {
      throw new IOException("binary COPY output has header flags " + Integer.toHexString(flags) + " (oids or unknown)");
    }
    remaining = readInt(SIGNATURE.length + 4) & 0xffffffffL;
    gathered = 0;
    state = remaining > 0 ? State.EXTENSION : State.COUNT;
  }

  private int readInt(int at) {
    return ((item[at] & 0xff) << 24) | ((item[at + 1] & 0xff) << 16) | ((item[at + 2] & 0xff) << 8) | (item[at + 3] & 0xff);
  }

  /** Counts a field done; true when it was the row's last. */
  private boolean fieldDone() {
    state = State.LENGTH;
    return --fields == 0;
  }

  private void rowDone(byte[] b, int rowStart, int rowEnd) {
    digest.update(b, rowStart, rowEnd - rowStart);
    digest.endRow();
    state = State.COUNT;
  }

  @Override
  void finish() throws IOException {
    if (state != State.END) {
      throw new IOException("binary COPY output ended before its end marker");
    }
  }
}
