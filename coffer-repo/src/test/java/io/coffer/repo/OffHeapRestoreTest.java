package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.tree.RestoreOptions;
import io.coffer.repo.tree.TreeOptions;
import io.coffer.testing.Seeds;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree restore reads, opens and decodes its files' segments in direct buffers and writes them from
 * there (BlobReader's off-heap runs): compressed, stored raw and empty files come back byte for byte
 * from a volume on disk, encrypted or not, and a damaged pack still fails the restore, by its seal
 * where there is one and by the blob ids where there is not.
 */
class OffHeapRestoreTest {

  @TempDir Path tmp;

  @ParameterizedTest(name = "encrypted {0}")
  @ValueSource(booleans = {true, false})
  void filesComeBackByteForByte_andADamagedPackFailsTheRestore(boolean encrypted) throws Exception {
    Random random = Seeds.random("OffHeapRestoreTest." + encrypted);
    Path src = Files.createDirectories(tmp.resolve("src/base"));
    byte[] noise = new byte[3 << 20];
    random.nextBytes(noise);
    Files.write(src.resolve("dump"), TestData.dumpLike(random.nextLong(), 5 << 20));
    Files.write(src.resolve("noise"), noise);
    Files.writeString(src.resolve("small"), "a few bytes");
    Files.write(src.resolve("empty"), new byte[0]);
    Path location = tmp.resolve("volume");
    try (Volume volume = TestData.init(new LocalBackend(location), TestData.smallVolume().withEncryption(encrypted),
        "OffHeapRestoreTest")) {
      assertThat(volume.sealer.opensInNativeMemory()).as("the off-heap path is the one taken here").isTrue();
      Entry tree;
      try (BackupWriter w = volume.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putTree("data", tmp.resolve("src"), TreeOptions.full());
        tree = volume.manifest(w.commit().id()).entry("data");
      }

      Path out = tmp.resolve("out");
      restore(volume, tree, out);
      for (String name : new String[] {"dump", "noise", "small", "empty"}) {
        assertThat(Files.readAllBytes(out.resolve("base").resolve(name))).as(name)
            .isEqualTo(Files.readAllBytes(src.resolve(name)));
      }

      flipAByteInTheMiddleOf(largestPack(location));
      assertThatThrownBy(() -> restore(volume, tree, tmp.resolve("again")))
          .isInstanceOf(CorruptDataException.class).hasMessageContaining("pack")
          .hasMessageContaining(encrypted ? "authentication failed" : "does not match its id");
    }
  }

  /**
   * Past its pool's budget of direct memory a reader decodes in arrays: a JVM's direct memory is as
   * large as its heap by default, and a restore with a 32 MiB heap ran out of it. With no budget at
   * all every segment comes back in an array, checked as any; with room, in direct buffers.
   */
  @org.junit.jupiter.api.Test
  void pastItsBudgetOfDirectMemory_aReaderDecodesInArrays() throws Exception {
    byte[] dump = TestData.dumpLike(5, 3 << 20);
    try (Volume volume = TestData.init(new LocalBackend(tmp.resolve("volume")), TestData.smallVolume(),
        "OffHeapRestoreTest.budget")) {
      try (BackupWriter w = volume.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putStream("dump", new java.io.ByteArrayInputStream(dump));
        w.commit();
      }
      try (io.coffer.repo.index.MasterIndex index = volume.currentIndex()) {
        for (long budget : new long[] {0, 64L << 20}) {
          BlobReader reader = new BlobReader(volume, index, 8, true, budget);
          int checked = 0;
          for (int r = 0; r < index.blobCount(); r++) {
            if (index.type(r) != BlobType.DATA) {
              continue;
            }
            io.coffer.repo.index.Location l = index.location(r);
            DecodedSegment segment = reader.runSegment(l);
            try {
              assertThat(segment.direct == null).as("in an array, with a budget of %d", budget).isEqualTo(budget == 0);
              reader.check(index.id(r), l, segment);
              checked++;
            } finally {
              segment.release();
            }
          }
          assertThat(checked).isGreaterThan(10);
        }
      }
    }
  }

  private static void restore(Volume volume, Entry tree, Path out) throws IOException {
    try (BackupReader r = volume.reader()) {
      r.restoreTree("0123456789abcdef", tree, out, RestoreOptions.defaults(), ProgressListener.NONE);
    }
  }

  private static Path largestPack(Path location) throws IOException {
    try (Stream<Path> files = Files.walk(location.resolve("data"))) {
      return files.filter(Files::isRegularFile).max(Comparator.comparingLong(OffHeapRestoreTest::size)).orElseThrow();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** In the middle of a large pack of incompressible bytes lies a segment's data, not its header. */
  private static void flipAByteInTheMiddleOf(Path pack) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x20);
    }
  }
}
