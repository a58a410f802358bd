package io.coffer.engine.access;

import io.coffer.repo.crypto.Argon2id;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password hashes in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}:
 * the costs travel with each hash, so stronger settings later still verify older hashes. The
 * default costs are OWASP's recommendation for Argon2id (19 MiB, two passes, one lane); a login
 * pays them once, the server then remembers the login for a while ({@link LoginCache}).
 */
final class PasswordHash {

  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=([0-9]{1,8}),t=([0-9]{1,3}),p=([0-9]{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int memoryKiB;
  private final int iterations;

  PasswordHash(int memoryKiB, int iterations) {
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
  }

  static PasswordHash standard() {
    return new PasswordHash(MEMORY_KIB, ITERATIONS);
  }

  String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = Argon2id.derive(password, salt, memoryKiB, iterations, 1, HASH_BYTES);
    return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code stored}; compared in constant time. A malformed hash matches nothing. */
  static boolean verify(char[] password, String stored) {
    Matcher phc = PHC.matcher(stored);
    if (!phc.matches()) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(phc.group(4));
    byte[] expected = Base64.getDecoder().decode(phc.group(5));
    byte[] actual = Argon2id.derive(password, salt, Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)),
        Integer.parseInt(phc.group(3)), expected.length);
    return MessageDigest.isEqual(expected, actual);
  }
}
