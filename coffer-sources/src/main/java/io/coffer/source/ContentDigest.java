package io.coffer.source;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The content checksum of one table: the sum, modulo 2^256, of the SHA-256 of every row's bytes,
 * plus the row count. A sum does not depend on row order, so a restored table whose rows come back
 * in another physical order still matches. Each driver decides what "a row's bytes" are (a COPY text
 * line, a dumped tuple, a canonical rendering) and uses the same rendering to verify.
 *
 * <p>Not thread-safe: one instance per table, fed by one thread.
 */
public final class ContentDigest {

  private final MessageDigest sha256;
  private final byte[] rowHash = new byte[32];
  // Big-endian 256-bit accumulator: sum[0] is the most significant word.
  private final long[] sum = new long[4];
  private long rows;

  public ContentDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  /** Adds bytes to the current row. */
  public void update(byte[] bytes, int offset, int length) {
    sha256.update(bytes, offset, length);
  }

  public void update(byte b) {
    sha256.update(b);
  }

  /** Ends the current row and adds its hash to the sum. */
  public void endRow() {
    try {
      sha256.digest(rowHash, 0, rowHash.length);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
    }
    long carry = 0;
    for (int word = 3; word >= 0; word--) {
      long add = 0;
      for (int i = 0; i < 8; i++) {
        add = (add << 8) | (rowHash[word * 8 + i] & 0xff);
      }
      long before = sum[word];
      long after = before + add + carry;
      carry =
          (Long.compareUnsigned(after, before) < 0 || (carry == 1 && after == before)) ? 1 : 0;
      sum[word] = after;
    }
    rows++;
  }

  public long rows() {
    return rows;
  }

  /** The sum as 64 hex digits. */
  public String checksum() {
    StringBuilder hex = new StringBuilder(64);
    for (long word : sum) {
      hex.append(String.format("%016x", word));
    }
    return hex.toString();
  }
}
