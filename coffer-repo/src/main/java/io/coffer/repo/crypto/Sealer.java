package io.coffer.repo.crypto;

/**
 * Seals pieces for storage and opens them again. Thread-safe. {@link #open} throws {@link
 * io.coffer.repo.CorruptDataException} when a piece was altered.
 */
public interface Sealer {

  byte[] seal(byte[] plain, int offset, int length);

  byte[] open(byte[] sealed, int offset, int length);

  /**
   * Opens {@code sealed[offset, offset + length)} into the start of {@code into} (a reused array of
   * at least {@code length} bytes: the plaintext is never longer) and returns the plaintext's length.
   */
  default int open(byte[] sealed, int offset, int length, byte[] into) {
    byte[] plain = open(sealed, offset, length);
    System.arraycopy(plain, 0, into, 0, plain.length);
    return plain.length;
  }

  /**
   * Opens the first {@code length} bytes of the direct buffer {@code sealed} into the start of the
   * direct buffer {@code into} (at least {@code length} bytes below its limit), as {@link #open(byte[],
   * int, int, byte[])} does, and returns the plaintext's length; positions and limits are left as
   * they are (offsets are absolute, and only bytes below a buffer's limit are read or written). On a
   * failure {@code into} may hold bytes that were never authenticated: the caller discards it. This
   * default copies through arrays; see {@link #opensInNativeMemory}.
   */
  default int open(java.nio.ByteBuffer sealed, int length, java.nio.ByteBuffer into) {
    byte[] bytes = new byte[length];
    sealed.get(0, bytes);
    byte[] plain = open(bytes, 0, length);
    into.put(0, plain);
    return plain.length;
  }

  /**
   * Whether {@link #open(java.nio.ByteBuffer, int, java.nio.ByteBuffer)} works in native memory, with
   * no copies into and out of arrays: then a restore reads, opens and decodes segments off the heap.
   */
  default boolean opensInNativeMemory() {
    return false;
  }

  default byte[] seal(byte[] plain) {
    return seal(plain, 0, plain.length);
  }

  default byte[] open(byte[] sealed) {
    return open(sealed, 0, sealed.length);
  }

  static Sealer aesGcm(MasterKey key) {
    return new AesGcmSealer(key.encryption());
  }

  /**
   * Whether AES-GCM runs in the JDK's provider here, whose speed waits for C2's code, rather than in
   * libcrypto ({@link OpenSslGcm}).
   */
  static boolean aesGcmInJava() {
    return !OpenSslGcm.available();
  }

  /** For volumes made with --insecure-no-encryption: pieces are stored as they are. */
  static Sealer none() {
    return PlainSealer.INSTANCE;
  }
}
