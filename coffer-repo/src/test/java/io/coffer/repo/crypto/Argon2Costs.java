package io.coffer.repo.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One random draw of Argon2id's inputs, for comparing two implementations byte for byte. */
record Argon2Costs(byte[] password, byte[] salt, int memoryKiB, int passes, int lanes, int length) {

  /**
   * Coffer's default costs as the reference implementation, libargon2, hashes them:
   * argon2id_hash_raw(t=1, m=65536, p=1, "secret", 16 zero bytes of salt, 32 bytes of tag).
   */
  static final Argon2Costs REFERENCE =
      new Argon2Costs("secret".getBytes(StandardCharsets.US_ASCII), new byte[16], 64 * 1024, 1, 1, 32);

  /** The reference implementation's tag of {@link #REFERENCE}, in hex. */
  static final String REFERENCE_TAG = "579ec3f9ef8860f36d382f552dcbde4cdf3e71af6d62fd37da10ad1599874da5";

  /** {@code count} draws: 1–4 lanes, up to 600 KiB more than the minimum, 1–4 passes, salts of 8–31 bytes. */
  static List<Argon2Costs> draw(Random random, int count) {
    List<Argon2Costs> draws = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int lanes = 1 + random.nextInt(4);
      int memory = 8 * lanes + random.nextInt(600);
      int passes = 1 + random.nextInt(4);
      // Tags shorter and longer than one BLAKE2b output (64 bytes) take different paths in H'.
      int length = 4 + random.nextInt(200);
      byte[] password = new byte[random.nextInt(40)];
      byte[] salt = new byte[8 + random.nextInt(24)];
      random.nextBytes(password);
      random.nextBytes(salt);
      draws.add(new Argon2Costs(password, salt, memory, passes, lanes, length));
    }
    return draws;
  }

  /** An Argon2id implementation under test, its arguments in the reference implementation's order. */
  interface Implementation {
    byte[] hash(byte[] password, byte[] salt, int memoryKiB, int passes, int lanes, int length);
  }

  /** {@code implementation}'s tag of these inputs; it gets a copy of the password, which it may wipe. */
  byte[] hashedBy(Implementation implementation) {
    return implementation.hash(password.clone(), salt, memoryKiB, passes, lanes, length);
  }

  @Override
  public String toString() {
    return "lanes " + lanes + ", memory " + memoryKiB + ", passes " + passes + ", length " + length + ", password "
        + password.length + " bytes, salt " + salt.length + " bytes";
  }
}
