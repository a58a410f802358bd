package io.coffer.repo;

import io.coffer.repo.backend.Backend;
import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.crypto.MasterKey;
import io.coffer.testing.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic test inputs and small-volume options shared by the repository tests. */
public final class TestData {

  public static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  private TestData() {}

  /**
   * A master key drawn from the run's seed for one purpose: the id key decides chunk boundaries, blob
   * ids and where id lists end, so a test on a volume replays exactly with {@code -Dcoffer.test.seed}.
   */
  public static MasterKey masterKey(String purpose) {
    return masterKey(Seeds.random(purpose));
  }

  /**
   * Master keys drawn one after another from the run's seed for one purpose, for code that creates
   * several volumes; the first is {@link #masterKey(String)}'s. The seed is printed at the first draw.
   */
  public static MasterKeys masterKeys(String purpose) {
    return new MasterKeys() {
      private Random random;

      @Override
      public synchronized MasterKey next() {
        if (random == null) {
          random = Seeds.random(purpose);
        }
        return masterKey(random);
      }
    };
  }

  private static MasterKey masterKey(Random r) {
    byte[] encryption = new byte[32];
    byte[] id = new byte[32];
    r.nextBytes(encryption);
    r.nextBytes(id);
    return new MasterKey(encryption, id);
  }

  /** A new volume whose master key comes from the run's seed (see {@link #masterKey}). */
  public static Volume init(Backend backend, VolumeOptions options, String purpose) throws IOException {
    return Volume.init(backend, options, options.encrypted() ? PASSPHRASE : null, masterKey(purpose));
  }

  /** Volume options with cheap key derivation and small packs so tests create several of them. */
  public static VolumeOptions smallVolume() {
    return VolumeOptions.defaults().withKdf(KdfParams.weakForTests()).withPackSize(1 << 20)
        .withChunker(new ChunkerParams(1024, 4096, 32768)).withTreeChunker(new ChunkerParams(1024, 4096, 32768));
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
