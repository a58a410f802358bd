package io.coffer.repo.crypto;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.coffer.repo.NativeBinding;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HMAC-SHA256 by OpenSSL's libcrypto, called through JNA: the blob ids' MAC where the library is
 * bound ({@link IdHasher}).
 *
 * <p>Why: the JDK's SHA-256 runs at the CPU's SHA instructions' speed only from C2's code, so a
 * command could not leave C2 out: a cold PHYSICAL restore on C1 alone took 2.9 s instead of 1.45 s.
 * libcrypto uses those instructions from the first byte, as fast as the JDK's best (0.37 against
 * 0.34 CPU-s for a 580 MB restore's ids), and a restore, which runs no other per-byte Java, now
 * needs no C2 at all: the launcher runs it on C1 alone (docs/benchmarks.md, "Blob ids by libcrypto,
 * and restores on C1 alone"). Both give the same bytes (OpenSslHmacTest, with RFC 4231's vectors). A
 * system without the library hashes with the JDK; so does a JVM started with {@code
 * -Dcoffer.hmac=java}.
 *
 * <p>Each thread has its own context and a native buffer the data is copied into (JNA cannot pass an
 * offset into an array); the context is keyed once and then only reset for each MAC, as long as the
 * thread hashes under one key.
 */
final class OpenSslHmac {

  /** The soname of OpenSSL 3, which dlopen finds without the development symlink. */
  private static final String LIBRARY = "libcrypto.so.3";
  static final int LENGTH = 32;
  private static final AtomicLong KEY_IDS = new AtomicLong();
  private static final boolean AVAILABLE = bind();
  private static final ThreadLocal<Context> CONTEXTS = ThreadLocal.withInitial(Context::new);

  private final Memory key;
  private final int keyLength;
  private final long keyId = KEY_IDS.incrementAndGet();

  OpenSslHmac(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException("an HMAC key must not be empty");
    }
    this.key = NativeKeys.copy(this, key);
    this.keyLength = key.length;
  }

  /** Whether libcrypto's HMAC is bound in this JVM. */
  static boolean available() {
    return AVAILABLE;
  }

  /** The 32-byte HMAC-SHA256 of {@code length} bytes of {@code data} at {@code offset}. */
  byte[] mac(byte[] data, int offset, int length) {
    Context c = CONTEXTS.get();
    Memory buffer = c.buffer(length);
    if (length > 0) {
      buffer.write(0, data, offset, length);
    }
    return mac(c, buffer, length);
  }

  /**
   * The HMAC of {@code length} bytes of the direct buffer {@code data} at {@code offset}, read where
   * they lie (below its limit; its position and limit untouched): no copy into the thread's buffer.
   */
  byte[] mac(ByteBuffer data, int offset, int length) {
    // Native code checks no bounds: this does.
    if (!data.isDirect() || offset < 0 || length < 0 || (long) offset + length > data.limit()) {
      throw new IllegalArgumentException("a direct buffer of " + data.limit() + " bytes has no " + length
          + " bytes at " + offset);
    }
    byte[] mac = mac(CONTEXTS.get(), Native.getDirectBufferPointer(data).share(offset), length);
    Reference.reachabilityFence(data);
    return mac;
  }

  private byte[] mac(Context c, Pointer data, int length) {
    Pointer ctx = c.ctx;
    boolean keyed = c.keyId == keyId;
    // A failed init leaves the context's key unknown: keyed again by the next MAC.
    c.keyId = 0;
    // Given no key and no digest, HMAC_Init_ex starts a new MAC under the key the context holds.
    check(HMAC_Init_ex(ctx, keyed ? null : key, keyed ? 0 : keyLength, keyed ? null : Algorithm.SHA256, null), "Init_ex");
    c.keyId = keyId;
    check(HMAC_Update(ctx, data, length), "Update");
    check(HMAC_Final(ctx, c.out, null), "Final");
    // The key's native copy is wiped and freed once this object is unreachable: not before its init.
    Reference.reachabilityFence(this);
    return c.out.getByteArray(0, LENGTH);
  }

  private static void check(int status, String call) {
    if (status != 1) {
      throw new IllegalStateException("HMAC-SHA256 by libcrypto failed: HMAC_" + call + " returned " + status);
    }
  }

  /** Asked of the library once it is bound. */
  private static final class Algorithm {
    static final Pointer SHA256 = EVP_sha256();
  }

  /** One thread's context, the key it holds (0: none) and its native buffers. */
  private static final class Context {
    final Pointer ctx;
    final Memory out = new Memory(LENGTH);
    Memory buffer = new Memory(64 * 1024);
    long keyId;

    Context() {
      Pointer created = HMAC_CTX_new();
      if (created == null) {
        throw new OutOfMemoryError("HMAC_CTX_new returned NULL");
      }
      this.ctx = created;
      NativeKeys.CLEANER.register(this, new Free(created));
    }

    Memory buffer(int size) {
      if (buffer.size() < size) {
        buffer.close();
        buffer = new Memory(size);
      }
      return buffer;
    }
  }

  /** Frees a dead thread's context (HMAC_CTX_free wipes the key's pads). */
  private record Free(Pointer ctx) implements Runnable {
    @Override
    public void run() {
      HMAC_CTX_free(ctx);
    }
  }

  private static boolean bind() {
    return NativeBinding.register(OpenSslHmac.class, LIBRARY, "coffer.hmac") && Algorithm.SHA256 != null;
  }

  // openssl/hmac.h and openssl/evp.h (OpenSSL 3; the HMAC_CTX calls are deprecated there in favour
  // of EVP_MAC, whose parameters would need OSSL_PARAM arrays built in native memory, and remain in
  // the library's ABI)
  private static native Pointer HMAC_CTX_new();

  private static native void HMAC_CTX_free(Pointer ctx);

  private static native Pointer EVP_sha256();

  private static native int HMAC_Init_ex(Pointer ctx, Pointer key, int keyLength, Pointer md, Pointer engine);

  private static native int HMAC_Update(Pointer ctx, Pointer data, long length);

  private static native int HMAC_Final(Pointer ctx, Pointer md, Pointer length);
}
