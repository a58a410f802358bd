package io.coffer.testing;

import java.security.SecureRandom;
import java.util.Random;

/**
 * One seed per test run, from which every random input, key and choice in the tests derives, so a
 * failure replays: each test that draws from it prints the run's seed, and
 * {@code ./mvnw … -Dcoffer.test.seed=N} runs every test again with the same draws.
 *
 * <p>Each purpose (a test's name, say) gets its own seed mixed from the run's seed and the purpose,
 * so a test draws the same values whichever tests ran before it, alone or in the whole build.
 * Random names that only keep concurrent runs apart (databases, roles, schemas on the shared servers)
 * do not come from here: replaying a seed must not collide with a run still in progress.
 */
public final class Seeds {

  public static final String PROPERTY = "coffer.test.seed";
  private static final long RUN = runSeed();

  private Seeds() {}

  /** The run's seed: the {@value #PROPERTY} system property, or a fresh random one. */
  public static long run() {
    return RUN;
  }

  /** The seed of one purpose, printed with the run's seed and how to replay it. */
  public static long of(String purpose) {
    long seed = mix(RUN ^ mix(purpose.hashCode()));
    System.out.println("seed of " + purpose + ": " + seed + " from run seed " + RUN + " (replay with -D" + PROPERTY + "=" + RUN + ")");
    return seed;
  }

  public static Random random(String purpose) {
    return new Random(of(purpose));
  }

  /** {@code n} bytes drawn for a purpose: keys, salts, data. */
  public static byte[] bytes(String purpose, int n) {
    byte[] out = new byte[n];
    random(purpose).nextBytes(out);
    return out;
  }

  private static long runSeed() {
    String given = System.getProperty(PROPERTY);
    if (given == null || given.isBlank()) {
      return new SecureRandom().nextLong();
    }
    try {
      return Long.parseLong(given.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PROPERTY + " must be a whole number (a seed printed by an earlier run), got '" + given + "'", e);
    }
  }

  /** SplitMix64's finalizer: nearby inputs give unrelated seeds. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
