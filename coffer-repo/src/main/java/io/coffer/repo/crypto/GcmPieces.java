package io.coffer.repo.crypto;

/**
 * AES-256-GCM of one piece of a sealed unit under one key: {@link AesGcmSealer} lays the pieces out
 * and derives their nonces and additional data, an implementation only encrypts or decrypts. Both
 * implementations give the same bytes (OpenSslGcmTest). Thread-safe.
 */
interface GcmPieces {

  int TAG = 16;

  /**
   * Encrypts {@code length} bytes of {@code in} at {@code inOffset} into {@code out} at {@code
   * outOffset}, the 16-byte tag after them, authenticating {@code aad}; returns {@code length + TAG}.
   */
  int seal(byte[] nonce, byte[] aad, byte[] in, int inOffset, int length, byte[] out, int outOffset);

  /**
   * Decrypts {@code length} bytes (ciphertext and tag) of {@code in} into {@code out}; returns the
   * plain length. False authentication throws {@link io.coffer.repo.CorruptDataException} and writes
   * nothing into {@code out}.
   */
  int open(byte[] nonce, byte[] aad, byte[] in, int inOffset, int length, byte[] out, int outOffset);

  /** The implementation Coffer uses here: OpenSSL's libcrypto where it is bound, else the JDK's. */
  static GcmPieces of(byte[] key) {
    return OpenSslGcm.available() ? new OpenSslGcm(key) : new JceGcm(key);
  }
}
