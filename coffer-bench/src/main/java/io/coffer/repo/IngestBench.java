package io.coffer.repo;

import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.crypto.KdfParams;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Library-level ingest, re-ingest and read-back throughput of one file into a fresh local volume:
 * {@code java -cp coffer-bench/target/benchmarks.jar io.coffer.repo.IngestBench FILE [VOLUME_DIR [ZSTD_LEVEL]]}.
 */
public final class IngestBench {

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("coffer-ingest");
    long size = Files.size(file);
    char[] pass = "bench".toCharArray();
    VolumeOptions options = VolumeOptions.defaults().withKdf(KdfParams.weakForTests());
    if (args.length > 2) {
      options = options.withCompression(Integer.parseInt(args[2]));
    }
    try (Volume v = Volume.init(new LocalBackend(dir), options, pass)) {
      String id = null;
      for (int round = 0; round < 2; round++) {
        long t = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20); BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
          w.putStream("dump", in);
          BackupSummary s = w.commit();
          id = s.id();
          double sec = (System.nanoTime() - t) / 1e9;
          System.out.printf("put %d: %.2f s, %.0f MB/s, new %d MB, stored %d MB%n", round, sec, size / sec / 1e6, s.stats().bytesNew() >> 20, s.stats().bytesStored() >> 20);
        }
      }
      long t = System.nanoTime();
      try (BackupReader r = v.reader()) {
        r.cat(id, "dump", OutputStream.nullOutputStream(), ProgressListener.NONE);
      }
      double sec = (System.nanoTime() - t) / 1e9;
      System.out.printf("cat: %.2f s, %.0f MB/s%n", sec, size / sec / 1e6);
    }
  }
}
