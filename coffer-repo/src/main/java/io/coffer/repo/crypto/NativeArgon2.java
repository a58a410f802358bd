package io.coffer.repo.crypto;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.coffer.repo.NativeBinding;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>Its 64 MiB are allocated here and advised into huge pages ({@link HugePages}): Argon2id reads
 * and writes them at random, and with 4 KiB pages the derivation spent as long in page faults and
 * TLB misses as in hashing (0.29 CPU-s of the volume's opening against 0.09 with huge pages, on the
 * critical path of every cold command; docs/benchmarks.md, "Huge pages for the key derivation and the heap").
 */
final class NativeArgon2 {

  /** The soname Debian and most systems install; dlopen finds it without the development symlink. */
  private static final String LIBRARY = "libargon2.so.1";
  private static final int ARGON2_OK = 0;
  private static final int ARGON2_MEMORY_ALLOCATION_ERROR = -22;
  private static final int ARGON2_ID = 2;
  private static final int ARGON2_VERSION_13 = 0x13;
  /** argon2_context's size on a 64-bit system (its fields laid out in {@link #hashInOwnMemory}). */
  private static final int CONTEXT_SIZE = 120;
  private static final long HUGE_PAGE = 2L << 20;
  private static final AtomicLong OWN_MEMORY_BLOCKS = new AtomicLong();
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
      int status = HugePages.bound()
          ? hashInOwnMemory(passes, memoryKiB, lanes, secret, password.length, salt, tag)
          : argon2id_hash_raw(passes, memoryKiB, lanes, secret, password.length, salt, salt.length, tag, length);
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

  /** How many times libargon2 took its memory from {@link #hashInOwnMemory} (for the tests). */
  static long ownMemoryBlocks() {
    return OWN_MEMORY_BLOCKS.get();
  }

  /**
   * What argon2id_hash_raw does (argon2_hash with version 1.3, a thread per lane, no secret and no
   * associated data), through argon2_ctx, whose context lets the caller allocate the memory. The
   * context is laid out by hand (argon2.h's argon2_context on a 64-bit system): JNA's structures
   * cost more reflection than the call.
   */
  private static int hashInOwnMemory(int passes, int memoryKiB, int lanes, Memory secret, int secretLength, byte[] salt,
      byte[] tag) {
    // JNA refuses a Memory of zero bytes; libargon2 refuses such a salt or tag by its length.
    Memory out = new Memory(Math.max(1, tag.length));
    Memory saltCopy = new Memory(Math.max(1, salt.length));
    Memory context = new Memory(CONTEXT_SIZE);
    OwnMemory memory = new OwnMemory();
    try {
      saltCopy.write(0, salt, 0, salt.length);
      context.clear();
      context.setPointer(0, out);
      context.setInt(8, tag.length);
      context.setPointer(16, secret);
      context.setInt(24, secretLength);
      context.setPointer(32, saltCopy);
      context.setInt(40, salt.length);
      // secret (48, 56) and associated data (64, 72) stay null and empty
      context.setInt(76, passes);
      context.setInt(80, memoryKiB);
      context.setInt(84, lanes);
      context.setInt(88, lanes);
      context.setInt(92, ARGON2_VERSION_13);
      context.setPointer(96, CallbackReference.getFunctionPointer(memory.allocate));
      context.setPointer(104, CallbackReference.getFunctionPointer(memory.free));
      context.setInt(112, 0);
      int status = argon2_ctx(context, ARGON2_ID);
      if (status == ARGON2_OK) {
        out.read(0, tag, 0, tag.length);
      }
      return status;
    } finally {
      out.clear();
      out.close();
      saltCopy.close();
      context.close();
      memory.release();
    }
  }

  /** argon2.h: int (*allocate_fptr)(uint8_t **memory, size_t bytes_to_allocate). */
  interface Allocate extends Callback {
    int invoke(Pointer memory, long bytes);
  }

  /** argon2.h: void (*deallocate_fptr)(uint8_t *memory, size_t bytes_to_allocate). */
  interface Free extends Callback {
    void invoke(Pointer memory, long bytes);
  }

  /**
   * The one block libargon2 asks for, aligned to a huge page and advised into them; freed after
   * libargon2 has wiped it (it does before calling free), or when the call ends, whichever is first.
   */
  private static final class OwnMemory {
    private Memory block;
    final Allocate allocate = (memory, bytes) -> {
      if (block != null || bytes <= 0 || bytes > Long.MAX_VALUE - HUGE_PAGE) {
        return ARGON2_MEMORY_ALLOCATION_ERROR;
      }
      block = new Memory(bytes + HUGE_PAGE);
      long address = Pointer.nativeValue(block);
      long aligned = (address + HUGE_PAGE - 1) & -HUGE_PAGE;
      HugePages.advise(aligned, bytes);
      memory.setPointer(0, new Pointer(aligned));
      OWN_MEMORY_BLOCKS.incrementAndGet();
      return ARGON2_OK;
    };
    final Free free = (memory, bytes) -> release();

    void release() {
      if (block != null) {
        block.close();
        block = null;
      }
    }
  }

  private static boolean bind() {
    // size_t is bound as a Java long below: true of 64-bit systems only.
    return NativeBinding.register(NativeArgon2.class, LIBRARY, "coffer.argon2") && Native.SIZE_T_SIZE == Long.BYTES;
  }

  /** argon2.h: int argon2_ctx(argon2_context *context, argon2_type type). */
  private static native int argon2_ctx(Pointer context, int type);

  /** argon2.h: int argon2id_hash_raw(uint32_t t_cost, uint32_t m_cost, uint32_t parallelism, const void *pwd,
   * size_t pwdlen, const void *salt, size_t saltlen, void *hash, size_t hashlen). */
  private static native int argon2id_hash_raw(int passes, int memoryKiB, int lanes, Pointer password,
      long passwordLength, byte[] salt, long saltLength, byte[] tag, long tagLength);
}
