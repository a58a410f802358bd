package io.coffer.repo;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.index.IndexFile;
import io.coffer.repo.index.MasterIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

/**
 * Writes index files naming N synthetic blobs (default 10 million) into a fresh volume, then opens the
 * volume, loads its index and looks every blob up, printing the load time, lookups per second (hits
 * in the order the blobs were written, as an unchanged backup asks; misses of random ids, as new
 * data asks), the heap the index holds and the size of its tables (bench/index-memory.sh). Lives in
 * the repository's package to reach the volume's sealed-file writer; it is not part of the library.
 */
public final class IndexMemoryBench {

  private static final int PER_PACK = 2000;

  public static void main(String[] args) throws Exception {
    int blobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    Path dir = Files.createTempDirectory("coffer-index-bench");
    char[] pass = "bench".toCharArray();
    VolumeOptions options = VolumeOptions.defaults().withKdf(KdfParams.weakForTests());
    try (Volume v = Volume.init(new LocalBackend(dir), options, pass)) {
      IndexFile.Builder builder = null;
      Blobs generated = new Blobs();
      for (int i = 0; i < blobs; i++) {
        if (generated.next(i)) {
          if (builder != null && i % IndexFile.ENTRIES_PER_FILE < PER_PACK) {
            for (byte[] plain : builder.finish()) {
              v.files.save(FileType.INDEX, plain);
            }
            builder = null;
          }
          if (builder == null) {
            builder = new IndexFile.Builder(v.format());
          }
          builder.pack(HexFormat.of().formatHex(generated.pack), 16 << 20);
        }
        builder.entry(generated.id, 0, (byte) 0, ((i % PER_PACK) / 128) << 20, 1 << 20, (i % 128) * 8192, 8192);
      }
      for (byte[] plain : builder.finish()) {
        v.files.save(FileType.INDEX, plain);
      }
    }
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long before = rt.totalMemory() - rt.freeMemory();
    long start = System.nanoTime();
    try (Volume v = Volume.open(new LocalBackend(dir), pass)) {
      MasterIndex index = v.index();
      int n = index.blobCount();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.gc();
      long after = rt.totalMemory() - rt.freeMemory();
      System.out.printf("blobs %d, index files %d, load %.1f s, index tables %.1f bytes/blob (%.0f MB), heap held %.0f MB (%.1f bytes/blob), max heap %d MB%n",
          n, v.backend().list(FileType.INDEX).size(), seconds, index.memoryBytes() / (double) n, index.memoryBytes() / 1e6,
          (after - before) / 1e6, (after - before) / (double) n, rt.maxMemory() >> 20);
      for (int round = 1; round <= 2; round++) {
        lookups(index, blobs, round);
      }
      System.out.println(residentMemory());
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Looks up every written blob in write order, then as many random ids that no index names. */
  private static void lookups(MasterIndex index, int blobs, int round) {
    Blobs replay = new Blobs();
    long start = System.nanoTime();
    int found = 0;
    for (int i = 0; i < blobs; i++) {
      replay.next(i);
      if (index.contains(replay.id, 0)) {
        found++;
      }
    }
    double hitSeconds = (System.nanoTime() - start) / 1e9;
    Random random = new Random(2);
    byte[] id = new byte[32];
    start = System.nanoTime();
    int missed = 0;
    for (int i = 0; i < blobs; i++) {
      random.nextBytes(id);
      if (!index.contains(id, 0)) {
        missed++;
      }
    }
    double missSeconds = (System.nanoTime() - start) / 1e9;
    if (found != blobs || missed != blobs) {
      throw new IllegalStateException("found " + found + " of " + blobs + " blobs, missed " + missed + " of " + blobs + " random ids");
    }
    System.out.printf("round %d: %.2f M hits/s (%.1f s), %.2f M misses/s (%.1f s)%n",
        round, blobs / hitSeconds / 1e6, hitSeconds, blobs / missSeconds / 1e6, missSeconds);
  }

  /** The process's resident memory, anonymous and file-backed (Linux), or nothing elsewhere. */
  private static String residentMemory() throws java.io.IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "";
    }
    StringBuilder out = new StringBuilder("resident:");
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS") || line.startsWith("RssAnon") || line.startsWith("RssFile")) {
        out.append(' ').append(line.replaceAll("\\s+", " "));
      }
    }
    return out.toString();
  }

  /** The synthetic blob ids and pack names, drawn from one seed so a second pass replays them. */
  private static final class Blobs {
    final Random random = new Random(1);
    final byte[] id = new byte[32];
    final byte[] pack = new byte[32];

    /** Draws blob {@code i}'s id; true when it starts a new pack (then {@link #pack} is its name). */
    boolean next(int i) {
      boolean newPack = i % PER_PACK == 0;
      if (newPack) {
        random.nextBytes(pack);
      }
      random.nextBytes(id);
      return newPack;
    }
  }
}
