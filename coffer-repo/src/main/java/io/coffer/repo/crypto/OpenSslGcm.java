package io.coffer.repo.crypto;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.coffer.repo.CorruptDataException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GCM pieces by OpenSSL's libcrypto (Debian's {@code libssl3}, which PostgreSQL's server and client,
 * OpenSSH and curl depend on), called through JNA.
 *
 * <p>Why: the JDK runs GCM's GHASH through its CPU intrinsic only from C2's code, and a command that
 * moves data and leaves spends much of its life before C2 has compiled it: in a cold backup of 500 MB
 * of rows, GHASH's Java multiply was a fifth of the hashing workers' CPU (docs/benchmarks.md, "AES-GCM
 * by libcrypto"). libcrypto uses AES-NI and carry-less multiplication from the first byte. Both give
 * the same bytes (OpenSslGcmTest against the JDK's provider and NIST's vectors). A system without
 * the library, or a JVM that cannot bind it, seals with the JDK as before; so does one started with
 * {@code -Dcoffer.aes=java}.
 *
 * <p>Each thread has its own cipher contexts and a native buffer a piece is copied into and out of
 * (JNA would copy a whole array passed directly, and cannot pass an offset into one); a context is
 * keyed once and then given only each piece's nonce, as long as the thread seals under one key.
 */
final class OpenSslGcm implements GcmPieces {

  /** The soname of OpenSSL 3, which dlopen finds without the development symlink. */
  private static final String LIBRARY = "libcrypto.so.3";
  private static final int EVP_CTRL_GCM_GET_TAG = 0x10;
  private static final int EVP_CTRL_GCM_SET_TAG = 0x11;
  private static final int KEY = 32;
  private static final int NONCE = 12;
  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicLong KEY_IDS = new AtomicLong();
  private static final boolean AVAILABLE = bind();
  private static final ThreadLocal<Contexts> CONTEXTS = ThreadLocal.withInitial(Contexts::new);

  private final Memory key;
  private final long keyId = KEY_IDS.incrementAndGet();

  OpenSslGcm(byte[] key) {
    if (key.length != KEY) {
      throw new IllegalArgumentException("AES-256 wants a 32-byte key, got " + key.length);
    }
    Memory copy = new Memory(KEY);
    copy.write(0, key, 0, KEY);
    this.key = copy;
    CLEANER.register(this, new Wipe(copy));
  }

  /** Whether libcrypto is bound in this JVM. */
  static boolean available() {
    return AVAILABLE;
  }

  @Override
  public int seal(byte[] nonce, byte[] aad, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
    Contexts c = CONTEXTS.get();
    Memory buffer = c.buffer(length + TAG);
    buffer.write(0, in, inOffset, length);
    Pointer tag = buffer.share(length);
    Pointer ctx = c.encrypt;
    c.iv.write(0, nonce, 0, NONCE);
    boolean keyed = c.encryptKey == keyId;
    check(EVP_EncryptInit_ex(ctx, keyed ? null : aes256Gcm(), null, keyed ? null : key, c.iv), "EncryptInit");
    c.encryptKey = keyId;
    check(EVP_EncryptUpdate(ctx, null, c.written, c.aad(aad), aad.length), "EncryptUpdate (AAD)");
    if (length > 0) {
      check(EVP_EncryptUpdate(ctx, buffer, c.written, buffer, length), "EncryptUpdate");
    }
    check(EVP_EncryptFinal_ex(ctx, tag, c.written), "EncryptFinal");
    check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG, tag), "GET_TAG");
    buffer.read(0, out, outOffset, length + TAG);
    // The key's native copy is wiped and freed once this object is unreachable: not before its init.
    Reference.reachabilityFence(this);
    return length + TAG;
  }

  @Override
  public int open(byte[] nonce, byte[] aad, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
    int plain = length - TAG;
    if (plain < 0) {
      throw new CorruptDataException("sealed piece too short: " + length + " bytes");
    }
    Contexts c = CONTEXTS.get();
    Memory buffer = c.buffer(length);
    buffer.write(0, in, inOffset, length);
    Pointer tag = buffer.share(plain);
    Pointer ctx = c.decrypt;
    c.iv.write(0, nonce, 0, NONCE);
    boolean keyed = c.decryptKey == keyId;
    check(EVP_DecryptInit_ex(ctx, keyed ? null : aes256Gcm(), null, keyed ? null : key, c.iv), "DecryptInit");
    c.decryptKey = keyId;
    check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG, tag), "SET_TAG");
    check(EVP_DecryptUpdate(ctx, null, c.written, c.aad(aad), aad.length), "DecryptUpdate (AAD)");
    if (plain > 0) {
      check(EVP_DecryptUpdate(ctx, buffer, c.written, buffer, plain), "DecryptUpdate");
    }
    if (EVP_DecryptFinal_ex(ctx, tag, c.written) <= 0) {
      throw new CorruptDataException("authentication failed: data was altered or the key is wrong");
    }
    buffer.read(0, out, outOffset, plain);
    Reference.reachabilityFence(this);
    return plain;
  }

  private static void check(int status, String call) {
    if (status != 1) {
      throw new IllegalStateException("AES-GCM by libcrypto failed: EVP_" + call + " returned " + status);
    }
  }

  /**
   * The cipher, given to a context's init only when it takes a new key: OpenSSL 3 looks an
   * implementation up at every init given one.
   */
  private static Pointer aes256Gcm() {
    return Algorithm.AES_256_GCM;
  }

  /** Asked of the library once it is bound. */
  private static final class Algorithm {
    static final Pointer AES_256_GCM = EVP_aes_256_gcm();
  }

  /** One thread's cipher contexts, which key each holds, and its native buffers. */
  private static final class Contexts {
    final Pointer encrypt = newContext();
    final Pointer decrypt = newContext();
    final Memory iv = new Memory(NONCE);
    final Memory written = new Memory(Integer.BYTES);
    Memory aad = new Memory(1);
    Memory buffer = new Memory(AesGcmSealer.PIECE + TAG);
    long encryptKey;
    long decryptKey;

    Contexts() {
      CLEANER.register(this, new Free(encrypt, decrypt));
    }

    Memory buffer(int size) {
      if (buffer.size() < size) {
        buffer.close();
        buffer = new Memory(size);
      }
      return buffer;
    }

    Memory aad(byte[] bytes) {
      if (aad.size() < Math.max(1, bytes.length)) {
        aad.close();
        aad = new Memory(bytes.length);
      }
      aad.write(0, bytes, 0, bytes.length);
      return aad;
    }

    private static Pointer newContext() {
      Pointer ctx = EVP_CIPHER_CTX_new();
      if (ctx == null) {
        throw new OutOfMemoryError("EVP_CIPHER_CTX_new returned NULL");
      }
      return ctx;
    }
  }

  /** Frees a dead thread's contexts (EVP_CIPHER_CTX_free wipes their key schedules). */
  private record Free(Pointer encrypt, Pointer decrypt) implements Runnable {
    @Override
    public void run() {
      EVP_CIPHER_CTX_free(encrypt);
      EVP_CIPHER_CTX_free(decrypt);
    }
  }

  /** Wipes and frees the key's native copy once its sealer is gone. */
  private record Wipe(Memory key) implements Runnable {
    @Override
    public void run() {
      key.clear();
      key.close();
    }
  }

  private static boolean bind() {
    return NativeBinding.register(OpenSslGcm.class, LIBRARY, "coffer.aes") && Algorithm.AES_256_GCM != null;
  }

  // openssl/evp.h (OpenSSL 3)
  private static native Pointer EVP_CIPHER_CTX_new();

  private static native void EVP_CIPHER_CTX_free(Pointer ctx);

  private static native Pointer EVP_aes_256_gcm();

  private static native int EVP_EncryptInit_ex(Pointer ctx, Pointer cipher, Pointer engine, Pointer key, Pointer iv);

  private static native int EVP_DecryptInit_ex(Pointer ctx, Pointer cipher, Pointer engine, Pointer key, Pointer iv);

  private static native int EVP_EncryptUpdate(Pointer ctx, Pointer out, Pointer outLength, Pointer in, int inLength);

  private static native int EVP_DecryptUpdate(Pointer ctx, Pointer out, Pointer outLength, Pointer in, int inLength);

  private static native int EVP_EncryptFinal_ex(Pointer ctx, Pointer out, Pointer outLength);

  private static native int EVP_DecryptFinal_ex(Pointer ctx, Pointer out, Pointer outLength);

  private static native int EVP_CIPHER_CTX_ctrl(Pointer ctx, int type, int arg, Pointer ptr);
}
