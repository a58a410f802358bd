package io.coffer.repo.crypto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Key derivation settings stored in a key file. Argon2id 64 MiB, 3 passes, 2 lanes costs about 0.5 s
 * on this class of machine: slow for guessing, quick enough for a command.
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
    return argon2id(64 * 1024, 3, 2);
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
