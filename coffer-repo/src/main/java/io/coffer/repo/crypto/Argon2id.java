package io.coffer.repo.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Argon2id, version 0x13, over the UTF-8 bytes of a secret: the one implementation Coffer uses, for
 * the keys of volumes and the passwords of API users alike. The secret's bytes are wiped after use.
 * Derived by libargon2 where it is bound ({@link NativeArgon2}), else in Java ({@link Argon2Memory}):
 * the same bytes either way.
 */
public final class Argon2id {

  private Argon2id() {}

  /**
   * Binds libargon2 on a daemon thread, for a command that will derive a key after other work: JNA's
   * loading (its classes, its dispatch library, {@code ldconfig -p}; about 0.05–0.07 s) then runs
   * beside that work instead of before the derivation. A derivation that comes first waits for it.
   */
  public static void bindAhead() {
    Thread binding = new Thread(() -> {
      if (NativeArgon2.available()) {
        HugePages.bound();
      }
    }, "coffer-kdf-bind");
    binding.setDaemon(true);
    binding.start();
  }

  /** {@code length} bytes derived from {@code secret} under {@code salt} with these costs. */
  public static byte[] derive(char[] secret, byte[] salt, int memoryKiB, int iterations, int parallelism,
      int length) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    try {
      Argon2Memory.checkCosts(memoryKiB, iterations, parallelism, length);
      byte[] tag = NativeArgon2.hash(bytes, salt, memoryKiB, iterations, parallelism, length);
      return tag != null ? tag : Argon2Memory.hash(bytes, salt, memoryKiB, iterations, parallelism, length);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
    }
  }
}
