package io.coffer.repo;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.index.IndexFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes index files naming N synthetic blobs (default 10 million) into a fresh volume, then opens the
 * volume and loads its index, printing the time and the heap it takes. Run with -Xmx1g to check the
 * "10 million blobs within a 1 GiB heap" target (bench/index-memory.sh). Lives in the repository's
 * package to reach the volume's sealed-file writer; it is not part of the library.
 */
public final class IndexMemoryBench {

  public static void main(String[] args) throws Exception {
    int blobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    Path dir = Files.createTempDirectory("coffer-index-bench");
    char[] pass = "bench".toCharArray();
    VolumeOptions options = VolumeOptions.defaults().withKdf(KdfParams.weakForTests());
    Random random = new Random(1);
    try (Volume v = Volume.init(new LocalBackend(dir), options, pass)) {
      byte[] id = new byte[32];
      byte[] pack = new byte[32];
      IndexFile.Builder builder = null;
      int perPack = 2000;
      for (int i = 0; i < blobs; i++) {
        if (i % perPack == 0) {
          if (builder != null && i % IndexFile.ENTRIES_PER_FILE < perPack) {
            for (byte[] plain : builder.finish()) {
              v.files.save(FileType.INDEX, plain);
            }
            builder = null;
          }
          if (builder == null) {
            builder = new IndexFile.Builder();
          }
          random.nextBytes(pack);
          builder.pack(java.util.HexFormat.of().formatHex(pack), 16 << 20);
        }
        random.nextBytes(id);
        builder.entry(id, 0, (byte) 0, (i % 16) << 20, 1 << 20, (i % 128) * 8192, 8192);
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
      int n = v.index().blobCount();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.gc();
      long after = rt.totalMemory() - rt.freeMemory();
      System.out.printf("blobs %d, index files %d, load %.1f s, index tables %.1f bytes/blob, heap held %.0f MB (%.1f bytes/blob), max heap %d MB%n",
          n, v.backend().list(FileType.INDEX).size(), seconds, v.index().memoryBytes() / (double) n,
          (after - before) / 1e6, (after - before) / (double) n, rt.maxMemory() >> 20);
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
