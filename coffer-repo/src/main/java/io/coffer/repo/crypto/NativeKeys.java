package io.coffer.repo.crypto;

import com.sun.jna.Memory;
import java.lang.ref.Cleaner;

/**
 * Keys handed to libcrypto ({@link OpenSslGcm}, {@link OpenSslHmac}): each is copied once into native
 * memory, which is wiped and freed once the object using it is unreachable.
 */
final class NativeKeys {

  /** Also frees the threads' libcrypto contexts once their threads are gone. */
  static final Cleaner CLEANER = Cleaner.create();

  private NativeKeys() {}

  /** A native copy of {@code key}, wiped and freed once {@code owner} is unreachable. */
  static Memory copy(Object owner, byte[] key) {
    Memory copy = new Memory(key.length);
    copy.write(0, key, 0, key.length);
    CLEANER.register(owner, new Wipe(copy));
    return copy;
  }

  private record Wipe(Memory key) implements Runnable {
    @Override
    public void run() {
      key.clear();
      key.close();
    }
  }
}
