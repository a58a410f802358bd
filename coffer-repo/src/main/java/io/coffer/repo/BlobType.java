package io.coffer.repo;

/**
 * What a blob holds: chunks of user data, or metadata (id lists and trees). {@link #DELTA} is data
 * too, in a segment encoded against reference blobs (format 3): readers fetch those to decode it,
 * and prune keeps them while it lives.
 */
public enum BlobType {
  DATA,
  META,
  DELTA;

  public byte code() {
    return (byte) ordinal();
  }

  /** Chunks of streams and files, however their segment is encoded. */
  public boolean isData() {
    return this != META;
  }

  public static BlobType ofCode(int code) {
    return switch (code) {
      case 0 -> DATA;
      case 1 -> META;
      case 2 -> DELTA;
      default -> throw new CorruptDataException("unknown blob type code " + code);
    };
  }
}
