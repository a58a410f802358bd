package io.coffer.repo.crypto;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * AES-256-GCM sealing with nonces chosen in advance, one per sealed unit in order, so known-answer
 * vectors can pin sealed bytes. Never for a real volume: a nonce used twice under one key breaks GCM.
 */
public final class FixedNonceSealer implements Sealer {

  private final AesGcmSealer sealer;
  private final Deque<byte[]> nonces;

  public FixedNonceSealer(byte[] encryptionKey, List<byte[]> nonces) {
    this.sealer = new AesGcmSealer(encryptionKey);
    this.nonces = new ArrayDeque<>(nonces);
  }

  @Override
  public byte[] seal(byte[] plain, int offset, int length) {
    if (nonces.isEmpty()) {
      throw new IllegalStateException("no nonce left for another sealed unit");
    }
    return sealer.seal(plain, offset, length, nonces.removeFirst());
  }

  @Override
  public byte[] open(byte[] sealed, int offset, int length) {
    return sealer.open(sealed, offset, length);
  }

  /** The key-encryption key a key file derives from {@code passphrase} (see {@link KeyFile}). */
  public static byte[] deriveKey(char[] passphrase, String algorithm, int memoryKiB, int iterations, int parallelism, byte[] salt) {
    return KeyFile.derive(passphrase, new KdfParams(algorithm, memoryKiB, iterations, parallelism, salt));
  }
}
