package io.coffer.bench;

import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cold-start AES-256-GCM throughput by call size, the measurement behind sealing in 16 KiB pieces.
 * Each run is a fresh JVM (the effect is about when the JIT compiles the GCM caller), encrypting
 * 3 × 200 MiB in calls of the given size:
 * {@code java -cp coffer-bench/target/benchmarks.jar io.coffer.bench.GcmPieceSizeBench 16384}.
 */
public final class GcmPieceSizeBench {

  public static void main(String[] args) throws Exception {
    int piece = Integer.parseInt(args[0]);
    SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
    byte[] nonce = new byte[12];
    SecureRandom random = new SecureRandom();
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    byte[] in = new byte[piece];
    byte[] out = new byte[piece + 16];
    StringBuilder line = new StringBuilder("piece " + piece + " B:");
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      long total = 0;
      while (total < (200L << 20)) {
        random.nextBytes(nonce);
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        c.doFinal(in, 0, piece, out, 0);
        total += piece;
      }
      line.append(String.format(" %.0f MB/s", total / 1e6 / ((System.nanoTime() - start) / 1e9)));
    }
    System.out.println(line);
  }
}
