package io.coffer.repo;

import io.coffer.repo.crypto.MasterKey;

/**
 * Where the master keys of new volumes come from: fresh random keys ({@link #random()}) outside
 * tests; tests draw them from the run's seed so that a failing run replays with the same chunk
 * boundaries and blob ids. Part of the volume library's facade, so that an interface can pass it to
 * the code that creates volumes without holding a key itself.
 */
@FunctionalInterface
public interface MasterKeys {

  /** The master key of the next volume created. */
  MasterKey next();

  /** Fresh random keys from a secure random source. */
  static MasterKeys random() {
    return MasterKey::random;
  }
}
