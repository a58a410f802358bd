package io.coffer.repo.crypto;

import io.coffer.repo.CorruptDataException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * GCM pieces by the JDK's provider. Its GHASH runs through a CPU intrinsic only once C2 has compiled
 * the calling code; until then, in every short command, it runs in Java at a small fraction of the
 * intrinsic's speed (docs/benchmarks.md). Used where OpenSSL's libcrypto is not bound.
 */
final class JceGcm implements GcmPieces {

  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(JceGcm::newCipher);

  private final SecretKeySpec key;

  JceGcm(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  @Override
  public int seal(byte[] nonce, byte[] aad, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
    try {
      return crypt(Cipher.ENCRYPT_MODE, nonce, aad, in, inOffset, length, out, outOffset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  @Override
  public int open(byte[] nonce, byte[] aad, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
    try {
      return crypt(Cipher.DECRYPT_MODE, nonce, aad, in, inOffset, length, out, outOffset);
    } catch (AEADBadTagException e) {
      throw new CorruptDataException("authentication failed: data was altered or the key is wrong");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private int crypt(int mode, byte[] nonce, byte[] aad, byte[] in, int inOffset, int length, byte[] out, int outOffset)
      throws GeneralSecurityException {
    Cipher c = CIPHERS.get();
    c.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
    c.updateAAD(aad);
    return c.doFinal(in, inOffset, length, out, outOffset);
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
    }
  }
}
