package io.coffer.repo.crypto;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.coffer.repo.CorruptDataException;
import io.coffer.repo.NativeBinding;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
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
  private static final AtomicLong KEY_IDS = new AtomicLong();
  private static final boolean AVAILABLE = bind();
  private static final ThreadLocal<Contexts> CONTEXTS = ThreadLocal.withInitial(Contexts::new);

  private final Memory key;
  private final long keyId = KEY_IDS.incrementAndGet();

  OpenSslGcm(byte[] key) {
    if (key.length != KEY) {
      throw new IllegalArgumentException("AES-256 wants a 32-byte key, got " + key.length);
    }
    this.key = NativeKeys.copy(this, key);
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
    Pointer ctx = crypt(c, c.encrypt, nonce, aad, buffer, buffer, length);
    check(EVP_CipherFinal_ex(ctx, tag, c.written), "CipherFinal_ex");
    check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG, tag), "CIPHER_CTX_ctrl (GET_TAG)");
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
    authenticate(c, nonce, aad, buffer, buffer, plain);
    buffer.read(0, out, outOffset, plain);
    Reference.reachabilityFence(this);
    return plain;
  }

  /**
   * Decrypts {@code length} bytes (ciphertext and tag) of the direct buffer {@code in} at {@code
   * inOffset} into the direct buffer {@code out} at {@code outOffset}, with no copy into or out of the
   * thread's buffer; returns the plain length. Offsets are absolute, below each buffer's limit;
   * positions and limits are left as they are. On a failed
   * authentication {@code out} holds what was decrypted, never authenticated: the caller discards it.
   */
  int open(byte[] nonce, byte[] aad, ByteBuffer in, int inOffset, int length, ByteBuffer out, int outOffset) {
    int plain = length - TAG;
    if (plain < 0) {
      throw new CorruptDataException("sealed piece too short: " + length + " bytes");
    }
    // Native code checks no bounds: these do.
    if (!in.isDirect() || !out.isDirect() || inOffset < 0 || outOffset < 0
        || (long) inOffset + length > in.limit() || (long) outOffset + plain > out.limit()) {
      throw new IllegalArgumentException("direct buffers of " + in.limit() + " and " + out.limit()
          + " bytes cannot open " + length + " bytes at " + inOffset + " into " + outOffset);
    }
    Contexts c = CONTEXTS.get();
    Pointer from = Native.getDirectBufferPointer(in).share(inOffset);
    authenticate(c, nonce, aad, from, Native.getDirectBufferPointer(out).share(outOffset), plain);
    Reference.reachabilityFence(in);
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(this);
    return plain;
  }

  /**
   * Decrypts {@code plain} bytes from {@code in} into {@code out} (the same memory, or apart) and
   * checks the tag that follows them in {@code in}; throws when it does not match.
   */
  private void authenticate(Contexts c, byte[] nonce, byte[] aad, Pointer in, Pointer out, int plain) {
    Pointer tag = in.share(plain);
    Pointer ctx = crypt(c, c.decrypt, nonce, aad, in, out, plain);
    check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG, tag), "CIPHER_CTX_ctrl (SET_TAG)");
    if (EVP_CipherFinal_ex(ctx, tag, c.written) <= 0) {
      throw new CorruptDataException("authentication failed: data was altered or the key is wrong");
    }
  }

  /**
   * Starts a piece on one of the thread's contexts (keyed first when it holds another key, else given
   * only the nonce), authenticates {@code aad} and runs {@code length} bytes of {@code in} through it
   * into {@code out} (in place when they are the same); returns the context, for the tag and the
   * final call.
   */
  private Pointer crypt(Contexts c, Context context, byte[] nonce, byte[] aad, Pointer in, Pointer out, int length) {
    Pointer ctx = context.ctx;
    c.iv.write(0, nonce, 0, NONCE);
    boolean keyed = context.keyId == keyId;
    // A failed init leaves the context's key unknown: keyed again by the next piece.
    context.keyId = 0;
    check(EVP_CipherInit_ex(ctx, keyed ? null : aes256Gcm(), null, keyed ? null : key, c.iv, context.direction),
        "CipherInit_ex");
    context.keyId = keyId;
    check(EVP_CipherUpdate(ctx, null, c.written, c.aad(aad), aad.length), "CipherUpdate (AAD)");
    if (length > 0) {
      check(EVP_CipherUpdate(ctx, out, c.written, in, length), "CipherUpdate");
    }
    return ctx;
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

  /** One context of a thread: its direction (1 encrypts, 0 decrypts) and the key it holds (0: none). */
  private static final class Context {
    final Pointer ctx;
    final int direction;
    long keyId;

    Context(int direction) {
      Pointer created = EVP_CIPHER_CTX_new();
      if (created == null) {
        throw new OutOfMemoryError("EVP_CIPHER_CTX_new returned NULL");
      }
      this.ctx = created;
      this.direction = direction;
    }
  }

  /** One thread's cipher contexts and its native buffers. */
  private static final class Contexts {
    final Context encrypt = new Context(1);
    final Context decrypt = new Context(0);
    final Memory iv = new Memory(NONCE);
    final Memory written = new Memory(Integer.BYTES);
    Memory aad = new Memory(1);
    Memory buffer = new Memory(AesGcmSealer.PIECE + TAG);

    Contexts() {
      NativeKeys.CLEANER.register(this, new Free(encrypt.ctx, decrypt.ctx));
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
  }

  /** Frees a dead thread's contexts (EVP_CIPHER_CTX_free wipes their key schedules). */
  private record Free(Pointer encrypt, Pointer decrypt) implements Runnable {
    @Override
    public void run() {
      EVP_CIPHER_CTX_free(encrypt);
      EVP_CIPHER_CTX_free(decrypt);
    }
  }

  private static boolean bind() {
    return NativeBinding.register(OpenSslGcm.class, LIBRARY, "coffer.aes") && Algorithm.AES_256_GCM != null;
  }

  // openssl/evp.h (OpenSSL 3)
  private static native Pointer EVP_CIPHER_CTX_new();

  private static native void EVP_CIPHER_CTX_free(Pointer ctx);

  private static native Pointer EVP_aes_256_gcm();

  private static native int EVP_CipherInit_ex(Pointer ctx, Pointer cipher, Pointer engine, Pointer key, Pointer iv,
      int encrypt);

  private static native int EVP_CipherUpdate(Pointer ctx, Pointer out, Pointer outLength, Pointer in, int inLength);

  private static native int EVP_CipherFinal_ex(Pointer ctx, Pointer out, Pointer outLength);

  private static native int EVP_CIPHER_CTX_ctrl(Pointer ctx, int type, int arg, Pointer ptr);
}
