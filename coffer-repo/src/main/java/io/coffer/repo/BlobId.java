package io.coffer.repo;

import java.util.Arrays;
import java.util.HexFormat;

/** The 32-byte id of a blob: HMAC-SHA256 of its plaintext under the volume's id key. */
public final class BlobId implements Comparable<BlobId> {

  public static final int LENGTH = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private BlobId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code LENGTH} bytes at {@code offset}. */
  public static BlobId of(byte[] source, int offset) {
    return new BlobId(Arrays.copyOfRange(source, offset, offset + LENGTH));
  }

  public static BlobId of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("blob id must be 32 bytes, got " + bytes.length);
    }
    return new BlobId(bytes.clone());
  }

  public static BlobId parse(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("blob id must be 64 hex digits, got '" + hex + "'");
    }
    return new BlobId(HEX.parseHex(hex));
  }

  /** Copies the id into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, LENGTH);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** True when the id equals the {@code LENGTH} bytes at {@code offset} of {@code other}. */
  public boolean matches(byte[] other, int offset) {
    return Arrays.equals(bytes, 0, LENGTH, other, offset, offset + LENGTH);
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
