package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.backend.MemoryBackend;
import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.manifest.BackupStats;
import io.coffer.repo.tree.RestoreOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of trees are cut and compressed as the volume's config says for trees, streams as it
 * says for streams; a config that says nothing for trees (a volume made before they had settings of
 * their own) cuts and compresses both alike.
 */
class TreeChunksTest {

  private static final int SIZE = 4 << 20;

  @TempDir Path tmp;

  private static VolumeOptions options() {
    return VolumeOptions.defaults().withKdf(KdfParams.weakForTests());
  }

  @Test
  void byDefault_treesFilesAreCutInChunksTwiceTheStreams() throws IOException {
    try (Volume volume = TestData.init(new MemoryBackend(), options(), "TreeChunksTest")) {
      byte[] bytes = random(1, SIZE);
      long streamChunks = storeStream(volume, bytes).blobs();
      long fileChunks = storeTree(volume, random(2, SIZE)).blobs();

      // FastCDC's chunks average about their avg: 8 KiB for streams, 16 KiB for trees' files.
      assertThat(streamChunks).isBetween(SIZE / 8192L * 7 / 10, SIZE / 8192L * 13 / 10);
      assertThat(fileChunks).isBetween(SIZE / 16384L * 7 / 10, SIZE / 16384L * 13 / 10);
      assertThat(volume.config().trees().chunker().avg()).isEqualTo(16384);
      assertThat(volume.config().trees().compression().level()).isEqualTo(VolumeOptions.DEFAULT_TREE_COMPRESSION);
    }
  }

  @Test
  void treesFilesAreCompressedAtTheTreesLevel_inSegmentsOfTheirOwn() throws IOException {
    VolumeOptions streamsOnly = options().withTreeCompression(0);
    try (Volume volume = TestData.init(new MemoryBackend(), streamsOnly, "TreeChunksTest")) {
      byte[] dump = TestData.dumpLike(1, SIZE);
      BackupStats stream = storeStream(volume, dump);
      byte[] other = TestData.dumpLike(2, SIZE);
      BackupStats tree = storeTree(volume, other);
      byte[] third = TestData.dumpLike(3, 200_000);
      byte[] fourth = TestData.dumpLike(4, SIZE);
      BackupStats both = storeTree(volume, third, fourth);

      assertThat(stream.bytesStored()).isLessThan(dump.length * 7L / 10);
      assertThat(tree.bytesStored()).isGreaterThan((long) other.length);
      assertThat(restoredFile(volume, tree)).isEqualTo(other);
      // One backup of a small stream, then a tree: the stream's chunks compressed, the file's not.
      // Had the file's chunks filled the stream's open segment, most of a segment of them would
      // have been compressed with the stream's, and less than the file's size stored in all.
      assertThat(both.bytesStored()).isBetween((long) fourth.length, fourth.length + third.length * 9L / 10);
    }
  }

  @Test
  void aConfigWithoutTrees_cutsAndCompressesTreesAsStreams() throws IOException {
    VolumeConfig.Chunker chunker = new VolumeConfig.Chunker("fastcdc", 2048, 8192, 65536);
    VolumeConfig.Compression zstd2 = new VolumeConfig.Compression("zstd", 2);
    VolumeConfig old = Json.read(Json.write(new VolumeConfig(2, "00", "2026-12-01T00:00:00Z", chunker, zstd2, null, 1 << 24, 1 << 20,
        VolumeConfig.AES_GCM)), VolumeConfig.class, "config");

    assertThat(new String(Json.write(old), StandardCharsets.UTF_8)).doesNotContain("trees");
    assertThat(old.treeChunker()).isEqualTo(chunker);
    assertThat(old.treeCompressionLevel()).isEqualTo(2);
  }

  @Test
  void aVolumeWhoseTreesAreCutAsStreams_dedupsAFileAgainstTheSameBytesAsAStream() throws IOException {
    VolumeOptions alike = options().withTreeChunker(ChunkerParams.DEFAULT).withTreeCompression(VolumeOptions.DEFAULT_COMPRESSION);
    try (Volume volume = TestData.init(new MemoryBackend(), alike, "TreeChunksTest")) {
      byte[] bytes = random(3, SIZE);
      storeStream(volume, bytes);
      BackupStats tree = storeTree(volume, bytes);

      assertThat(tree.newBlobs()).isZero();
    }
  }

  private static byte[] random(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static BackupStats storeStream(Volume volume, byte[] bytes) throws IOException {
    try (BackupWriter w = volume.newBackup(Map.of(), ProgressListener.NONE)) {
      w.putStream("dump", new ByteArrayInputStream(bytes));
      return w.commit().stats();
    }
  }

  /** The backups' ids by their stats, to restore a tree from. */
  private final Map<BackupStats, String> ids = new java.util.IdentityHashMap<>();

  private BackupStats storeTree(Volume volume, byte[] bytes) throws IOException {
    return storeTree(volume, null, bytes);
  }

  /** A backup of the tree of one file holding {@code bytes}, and of {@code stream} first when not null. */
  private BackupStats storeTree(Volume volume, byte[] stream, byte[] bytes) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("src-" + ids.size()));
    Files.write(dir.resolve("file"), bytes);
    try (BackupWriter w = volume.newBackup(Map.of(), ProgressListener.NONE)) {
      if (stream != null) {
        w.putStream("dump", new ByteArrayInputStream(stream));
      }
      w.putTree("data", dir);
      BackupSummary s = w.commit();
      ids.put(s.stats(), s.id());
      return s.stats();
    }
  }

  private byte[] restoredFile(Volume volume, BackupStats tree) throws IOException {
    Path out = tmp.resolve("restored");
    try (BackupReader r = volume.reader()) {
      r.restoreTree("0123456789abcdef", volume.manifest(ids.get(tree)).entry("data"), out, RestoreOptions.defaults(), ProgressListener.NONE);
    }
    return Files.readAllBytes(out.resolve("file"));
  }
}
