package io.coffer.repo;

import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.chunker.FastCdc;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.IdHasher;
import io.coffer.repo.crypto.MasterKey;
import io.coffer.repo.crypto.Sealer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the per-byte hot paths in Java (GCM and HMAC where libcrypto does not do them, the chunker,
 * zstd's calls) on throwaway data in a background thread while a volume is being opened.
 *
 * <p>Why: every command is a fresh JVM, and opening a volume spends time in Argon2id on one core
 * while the other is idle (0.1–0.2 s through libargon2, ~0.7 s in the Java implementation where the
 * library is missing). Until the JIT has compiled them, GCM runs without its CPU intrinsic and the
 * chunker interpreted: a cold `cat` of 1 GB took 3.3 s against 1.3 s warm. Compiling them during
 * the key derivation costs no wall time. The thread is a daemon and touches no volume state.
 *
 * <p>It stops as soon as the volume is open: after that, the cores belong to the command's real work.
 * Left to finish its fixed loop it kept running into database backups, where the database server,
 * the dump tools and the backup already share two cores: 40% of the Java samples of a 350 MB
 * PostgreSQL backup were the warm-up's.
 *
 * <p>Its compilations cost about half a CPU-second, which only a backup of more than a few MB earns
 * back: a caller that knows its data is small opens without it ({@link Volume#open(Backend, char[],
 * Path, HotPaths)} with {@link HotPaths#NONE}) and may still start it while the volume is being opened ({@link Volume#warmUp()})
 * once it has learnt otherwise.
 */
final class Warmup {

  /** Volumes being opened in this process: the warm-up runs only while there is one. */
  private static final AtomicInteger OPENING = new AtomicInteger();
  private static volatile boolean started;
  /** Whether the warm-up compiles the writing paths too (the chunker, the encoder). */
  private static volatile boolean writing = true;

  private Warmup() {}

  /** A volume's opening begins; {@link #opened} must follow. */
  static void opening() {
    OPENING.incrementAndGet();
  }

  /** A volume's opening ended: the warm-up stops at its next step unless another opening runs. */
  static void opened() {
    OPENING.decrementAndGet();
  }

  /**
   * Starts the warm-up once per process, and only while a volume is being opened: started later it
   * would compete with the command's real work. The code it compiled stays compiled.
   */
  static void start() {
    start(HotPaths.READING_AND_WRITING);
  }

  /** Starts it as {@link #start()} does, for the paths given ({@link HotPaths#NONE}: not at all). */
  static void start(HotPaths paths) {
    if (paths == HotPaths.NONE || !canStart()) {
      return;
    }
    started = true;
    writing = paths == HotPaths.READING_AND_WRITING;
    Thread t = new Thread(Warmup::run, "coffer-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** Whether {@link #start} would start it now. */
  static boolean canStart() {
    return !started && OPENING.get() > 0;
  }

  private static boolean stopped() {
    return OPENING.get() == 0;
  }

  private static void run() {
    MasterKey key = MasterKey.random();
    Sealer sealer = Sealer.aesGcm(key);
    IdHasher hasher = new IdHasher(key);
    FastCdc cdc = new FastCdc(ChunkerParams.DEFAULT, FastCdc.gearTable(hasher));
    Codec codec = Codec.zstd(VolumeOptions.DEFAULT_COMPRESSION);
    byte[] data = new byte[64 * 1024];
    new Random(1).nextBytes(data);
    // Where libcrypto seals (OpenSslGcm) and hashes (OpenSslHmac) there is no GCM or HMAC code to compile.
    boolean gcm = Sealer.aesGcmInJava();
    boolean hmac = !IdHasher.inLibcrypto();
    boolean write = writing;
    if (!write && !gcm && !hmac) {
      return;
    }
    // GCM first, in small pieces: C2 replaces GHASH's and AES-CTR's loops with CPU instructions only
    // inside callers it compiled, and it compiles a caller after ~5,000 calls; 16 KiB pieces did not
    // get there before the volume was open, so backups spent their first seconds in the plain code.
    for (int i = 0; gcm && i < 6000 && !stopped(); i++) {
      sealer.open(sealer.seal(data, i & 63, 256));
    }
    for (int i = 0; i < 3000 && !stopped(); i++) {
      if (gcm) {
        sealer.open(sealer.seal(data, 0, 16 * 1024 + (i & 1)));
      }
      if (hmac) {
        hasher.hash(data, i & 7, 8192);
      }
      if (write && i % 8 == 0) {
        for (int pos = 0; pos < data.length; ) {
          pos += cdc.cut(data, pos, data.length - pos);
        }
      }
      if (write && i % 100 == 0) {
        Codec.decode(codec.encode(data));
      }
    }
  }
}
