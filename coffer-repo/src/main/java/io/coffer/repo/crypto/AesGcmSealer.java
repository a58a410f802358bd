package io.coffer.repo.crypto;

import io.coffer.repo.CorruptDataException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per piece: {@code nonce ‖ ciphertext ‖ tag}.
 *
 * <p>Callers keep pieces at about 1 MiB: JDK 17's GCM is slow on huge single calls until C2 has
 * compiled it, and 1 MiB segments keep it on the fast path. Random nonces are safe far beyond any
 * volume's piece count (2^32 pieces per key for a 2^-32 collision bound).
 */
final class AesGcmSealer implements Sealer {

  private static final int NONCE = 12;
  private static final int TAG = 16;
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcmSealer::newCipher);

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  AesGcmSealer(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  @Override
  public byte[] seal(byte[] plain, int offset, int length) {
    byte[] out = new byte[NONCE + length + TAG];
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, 0, NONCE);
    try {
      Cipher c = CIPHERS.get();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce));
      c.doFinal(plain, offset, length, out, NONCE);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  @Override
  public byte[] open(byte[] sealed, int offset, int length) {
    if (length < NONCE + TAG) {
      throw new CorruptDataException("sealed piece too short: " + length + " bytes");
    }
    try {
      Cipher c = CIPHERS.get();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, sealed, offset, NONCE));
      return c.doFinal(sealed, offset + NONCE, length - NONCE);
    } catch (AEADBadTagException e) {
      throw new CorruptDataException("authentication failed: data was altered or the key is wrong");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  @Override
  public int overhead() {
    return NONCE + TAG;
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
    }
  }
}
