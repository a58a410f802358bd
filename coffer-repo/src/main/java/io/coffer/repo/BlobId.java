package io.coffer.repo;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The id of a blob: HMAC-SHA256 of its plaintext under the volume's id key, all 32 bytes in a format 1
 * volume and the first 16 in a format 2 one ({@link VolumeFormat#idLength()}).
 */
public final class BlobId implements Comparable<BlobId> {

  /** The longest id (format 1's), and the slot the in-memory index gives every id. */
  public static final int MAX_LENGTH = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private BlobId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code length} bytes at {@code offset}. */
  public static BlobId of(byte[] source, int offset, int length) {
    checkLength(length);
    return new BlobId(Arrays.copyOfRange(source, offset, offset + length));
  }

  public static BlobId of(byte[] bytes) {
    checkLength(bytes.length);
    return new BlobId(bytes.clone());
  }

  /** An id of 32 or 64 hex digits; {@link VolumeFormat#parseId} also checks it is the volume's length. */
  public static BlobId parse(String hex) {
    if (hex.length() != 32 && hex.length() != 2 * MAX_LENGTH) {
      throw new IllegalArgumentException("blob id must be 32 or 64 hex digits, got '" + hex + "'");
    }
    return new BlobId(HEX.parseHex(hex));
  }

  private static void checkLength(int length) {
    if (length != 16 && length != MAX_LENGTH) {
      throw new IllegalArgumentException("blob id must be 16 or 32 bytes, got " + length);
    }
  }

  /** Bytes of the id: 32 in format 1, 16 in format 2. */
  public int length() {
    return bytes.length;
  }

  /** Copies the id into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, bytes.length);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** True when the id equals the id of its length at {@code offset} of {@code other}. */
  public boolean matches(byte[] other, int offset) {
    return Arrays.equals(bytes, 0, bytes.length, other, offset, offset + bytes.length);
  }

  public String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlobId b && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    // The id is a MAC output: any four bytes are uniformly distributed.
    return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | bytes[3] << 24;
  }

  @Override
  public int compareTo(BlobId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex().substring(0, 16);
  }
}
