package io.coffer.repo;

import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.crypto.KdfParams;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic test inputs and small-volume options shared by the repository tests. */
public final class TestData {

  public static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  private TestData() {}

  /** Volume options with cheap key derivation and small packs so tests create several of them. */
  public static VolumeOptions smallVolume() {
    return VolumeOptions.defaults().withKdf(KdfParams.weakForTests()).withPackSize(1 << 20)
        .withChunker(new ChunkerParams(1024, 4096, 32768));
  }

  /** Dump-like text rows mixed with incompressible bytes, like a database dump. */
  public static byte[] dumpLike(long seed, int size) {
    Random r = new Random(seed);
    byte[] out = new byte[size];
    int pos = 0;
    int row = 0;
    while (pos < size) {
      byte[] line;
      if (r.nextInt(5) == 0) {
        line = new byte[64 + r.nextInt(128)];
        r.nextBytes(line);
      } else {
        line = (row + "\tcustomer-" + r.nextInt(100000) + "\t" + (r.nextInt(1000000) / 100.0) + "\t2026-11-" + (1 + r.nextInt(28)) + "\tstatus " + (r.nextBoolean() ? "open" : "closed") + "\n").getBytes(StandardCharsets.UTF_8);
      }
      int n = Math.min(line.length, size - pos);
      System.arraycopy(line, 0, out, pos, n);
      pos += n;
      row++;
    }
    return out;
  }
}
