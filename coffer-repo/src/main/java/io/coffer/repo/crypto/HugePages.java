package io.coffer.repo.crypto;

import io.coffer.repo.NativeBinding;

/**
 * Advises a range of memory into transparent huge pages ({@code madvise(MADV_HUGEPAGE)}), where the
 * system leaves that to the program (Debian's default: {@code /sys/kernel/mm/transparent_hugepage/enabled}
 * set to {@code madvise}). Where it is set to {@code always} the memory gets them anyway, and where to
 * {@code never}, or elsewhere than Linux, the advice is refused or ignored and nothing changes but
 * the speed.
 */
final class HugePages {

  private static final int MADV_HUGEPAGE = 14;
  private static final String LIBRARY = "libc.so.6";
  static final boolean AVAILABLE = bind();

  private HugePages() {}

  /** Whether madvise is bound (binding it, the first time). */
  static boolean bound() {
    return AVAILABLE;
  }

  /** Advises {@code length} bytes from {@code address} (a multiple of the page size); errors ignored. */
  static void advise(long address, long length) {
    madvise(address, length, MADV_HUGEPAGE);
  }

  private static boolean bind() {
    return System.getProperty("os.name", "").startsWith("Linux")
        && NativeBinding.register(HugePages.class, LIBRARY, "coffer.hugepages");
  }

  /** sys/mman.h: int madvise(void *addr, size_t length, int advice). */
  private static native int madvise(long address, long length, int advice);
}
