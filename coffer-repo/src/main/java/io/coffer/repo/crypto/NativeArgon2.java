package io.coffer.repo.crypto;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.coffer.repo.NativeBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argon2id by the reference implementation, libargon2 (Debian's {@code libargon2-1}, which cryptsetup
 * and so most systems already have), called through JNA.
 *
 * <p>Why: every command that opens a volume derives its key, 64 MiB of Argon2id, before it can read
 * or write a byte. In a fresh JVM the Java implementation ({@link Argon2Memory}) runs interpreted and
 * then half-compiled: about 0.55 CPU-seconds, on a two-core machine a whole core taken from the start
 * of the command beside it. The C implementation takes 0.09 s, and binding it about 0.05 s more
 * (docs/benchmarks.md, "The key derivation in C"). Both give the same bytes (NativeArgon2Test), so a
 * system without the library, or a JVM that cannot bind it, derives with the Java implementation as
 * before; so does one started with {@code -Dcoffer.argon2=java}.
 */
final class NativeArgon2 {

  /** The soname Debian and most systems install; dlopen finds it without the development symlink. */
  private static final String LIBRARY = "libargon2.so.1";
  private static final int ARGON2_OK = 0;
  private static final boolean AVAILABLE = bind();

  private NativeArgon2() {}

  /**
   * The logger, asked for only when there is something to log: the class is bound on a thread of its
   * own while the main thread starts (Argon2id.bindAhead), and a logger asked for there initialised
   * SLF4J on that thread while the main thread asked for its own loggers, so SLF4J printed a warning
   * on standard error that it had replayed the main thread's first logging calls.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(NativeArgon2.class);
  }

  /** Whether libargon2 is bound in this JVM. */
  static boolean available() {
    return AVAILABLE;
  }

  /**
   * The tag of {@code password} under {@code salt}, or null where the library is not bound or refuses
   * the costs (its limits are narrower than the algorithm's: a salt of at least 8 bytes). The caller
   * wipes the password; its copy in native memory is wiped here.
   */
  static byte[] hash(byte[] password, byte[] salt, int memoryKiB, int passes, int lanes, int length) {
    if (!AVAILABLE) {
      return null;
    }
    // JNA refuses a Memory of zero bytes; an empty secret is passed as one byte of length zero.
    Memory secret = new Memory(Math.max(1, password.length));
    try {
      secret.write(0, password, 0, password.length);
      byte[] tag = new byte[length];
      int status = argon2id_hash_raw(passes, memoryKiB, lanes, secret, password.length, salt, salt.length, tag,
          length);
      if (status != ARGON2_OK) {
        log().debug("libargon2 refused the costs (error {}); deriving in Java", status);
        return null;
      }
      return tag;
    } finally {
      secret.clear();
      secret.close();
    }
  }

  private static boolean bind() {
    // size_t is bound as a Java long below: true of 64-bit systems only.
    return NativeBinding.register(NativeArgon2.class, LIBRARY, "coffer.argon2") && Native.SIZE_T_SIZE == Long.BYTES;
  }

  /** argon2.h: int argon2id_hash_raw(uint32_t t_cost, uint32_t m_cost, uint32_t parallelism, const void *pwd,
   * size_t pwdlen, const void *salt, size_t saltlen, void *hash, size_t hashlen). */
  private static native int argon2id_hash_raw(int passes, int memoryKiB, int lanes, Pointer password,
      long passwordLength, byte[] salt, long saltLength, byte[] tag, long tagLength);
}
