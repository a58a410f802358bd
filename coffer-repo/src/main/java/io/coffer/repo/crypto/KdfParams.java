package io.coffer.repo.crypto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Key derivation settings stored in a key file. The default, Argon2id with 64 MiB, one pass and one
 * lane, is above OWASP's minimum (46 MiB, t=1, p=1) and costs about 0.7 s in a fresh JVM where the
 * Java implementation still runs interpreted (0.1 s through libargon2, {@link NativeArgon2}, which
 * most systems have): every command pays it once, and the volumes written with it must open fast
 * where the library is missing too, so 3 passes (1.2 s in Java) cost more than they protect. Each key
 * file records its own settings, so stronger ones stay readable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KdfParams(String algorithm, Integer memoryKiB, Integer iterations, Integer parallelism, byte[] salt) {

  public static final String ARGON2ID = "argon2id";
  public static final String NONE = "none";

  public static KdfParams argon2id(int memoryKiB, int iterations, int parallelism) {
    if (memoryKiB < 8 || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException(
          "argon2id needs memoryKiB >= 8, iterations >= 1, parallelism >= 1; got "
              + memoryKiB + ", " + iterations + ", " + parallelism);
    }
    return new KdfParams(ARGON2ID, memoryKiB, iterations, parallelism, null);
  }

  public static KdfParams defaults() {
    return argon2id(64 * 1024, 1, 1);
  }

  /** Cheap settings for tests only; never the default. */
  public static KdfParams weakForTests() {
    return argon2id(64, 1, 1);
  }

  public static KdfParams none() {
    return new KdfParams(NONE, null, null, null, null);
  }

  KdfParams withSalt(byte[] s) {
    return new KdfParams(algorithm, memoryKiB, iterations, parallelism, s);
  }
}
