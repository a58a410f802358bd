package io.coffer.repo;

/** What a blob holds: chunks of user data, or metadata (id lists and trees). */
public enum BlobType {
  DATA,
  META;

  public byte code() {
    return (byte) ordinal();
  }

  public static BlobType ofCode(int code) {
    return switch (code) {
      case 0 -> DATA;
      case 1 -> META;
      default -> throw new CorruptDataException("unknown blob type code " + code);
    };
  }
}
