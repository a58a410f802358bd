package io.coffer.bench;

import io.coffer.repo.index.CompactIndex;
import java.util.Random;

/**
 * The index table alone, in one JVM: adds N random ids, then looks them up in insertion order, in
 * random order and as many absent ids, ROUNDS times (docs/benchmarks.md, "Index memory"). The ids are
 * drawn before the clock starts, so the lookups are the table's own cost:
 * {@code java -Xmx2g -cp coffer-bench/target/benchmarks.jar io.coffer.bench.CompactIndexBench 10000000 3}.
 */
public final class CompactIndexBench {

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    byte[] ids = new byte[32 * n];
    new Random(1).nextBytes(ids);
    byte[] absent = new byte[32 * n];
    new Random(2).nextBytes(absent);
    int[] order = new Random(3).ints(n, 0, n).toArray();
    for (int round = 0; round < rounds; round++) {
      try (CompactIndex index = new CompactIndex()) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          index.add(ids, i * 32, i, i, i, i, i, (byte) 0);
        }
        long t1 = System.nanoTime();
        long found = 0;
        for (int i = 0; i < n; i++) {
          found += index.find(ids, i * 32) >= 0 ? 1 : 0;
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          found += index.find(ids, order[i] * 32) >= 0 ? 1 : 0;
        }
        long t3 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          found -= index.find(absent, i * 32) >= 0 ? 1 : 0;
        }
        long t4 = System.nanoTime();
        if (found != 2L * n) {
          throw new IllegalStateException("found " + found + " of " + 2L * n);
        }
        System.out.printf("%d ids: add %.2f s; hits in order %.1f M/s, in random order %.1f M/s; misses %.1f M/s%n",
            n, (t1 - t0) / 1e9, n / ((t2 - t1) / 1e3), n / ((t3 - t2) / 1e3), n / ((t4 - t3) / 1e3));
      }
    }
  }
}
