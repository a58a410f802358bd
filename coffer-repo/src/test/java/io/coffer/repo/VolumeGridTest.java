package io.coffer.repo;

import static io.coffer.repo.VolumeRoundTripTest.cat;
import static io.coffer.repo.VolumeRoundTripTest.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.backend.MemoryBackend;
import io.coffer.repo.backend.S3TestServer;
import io.coffer.repo.tree.RestoreOptions;
import io.coffer.repo.tree.TreeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One life cycle of a volume — put, dedup, cat, check, forget, prune — on format × backend ×
 * compression × encryption.
 */
class VolumeGridTest {

  private static S3TestServer s3;
  @TempDir static Path tmp;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3TestServer.start();
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  static Stream<Arguments> grid() {
    List<Arguments> out = new ArrayList<>();
    for (VolumeFormat format : VolumeFormat.values()) {
      for (String backend : List.of("memory", "local", "s3")) {
        for (int level : new int[] {0, 3}) {
          for (boolean encrypted : new boolean[] {false, true}) {
            out.add(Arguments.of(format, backend, level, encrypted));
          }
        }
      }
    }
    return out.stream();
  }

  private static Backend backend(String kind) throws Exception {
    return switch (kind) {
      case "memory" -> new MemoryBackend();
      case "local" -> new LocalBackend(Files.createTempDirectory(tmp, "grid"));
      default -> s3.newBackend();
    };
  }

  @ParameterizedTest(name = "format {0} {1} zstd:{2} encrypted={3}")
  @MethodSource("grid")
  void lifecycle(VolumeFormat format, String kind, int level, boolean encrypted) throws Exception {
    Backend backend = backend(kind);
    byte[] first = TestData.dumpLike(level * 10L + (encrypted ? 1 : 0), 2_500_000);
    byte[] second = first.clone();
    second[1_000_000] ^= 1;
    VolumeOptions options = TestData.smallVolume().withCompression(level).withTreeCompression(level).withEncryption(encrypted).withFormat(format);
    String a;
    String b;
    try (Volume v = TestData.init(backend, options, "VolumeGridTest " + format + " " + kind + " zstd:" + level + " encrypted=" + encrypted)) {
      a = put(v, "dump", first).id();
      BackupSummary s = put(v, "dump", second);
      b = s.id();
      assertThat(s.stats().bytesNew()).isLessThan(first.length / 10);
    }
    try (Volume v = Volume.open(backend, encrypted ? TestData.PASSPHRASE : null)) {
      assertThat(cat(v, a, "dump")).isEqualTo(first);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
      v.forget(List.of(a));
      v.prune(false, 1.0, ProgressListener.NONE);
      assertThat(cat(v, b, "dump")).isEqualTo(second);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
      v.repairIndex(ProgressListener.NONE);
      assertThat(cat(v, b, "dump")).isEqualTo(second);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
      assertThat(Volume.readConfig(backend).format()).isEqualTo(format.number());
      if (level == 0) {
        assertThat(v.stats().storedBytes()).isGreaterThan(second.length);
      } else {
        assertThat(v.stats().storedBytes()).isLessThan(second.length);
      }
    }
  }

  /**
   * A tree and a level of it after a file changed in a few places: where the format and the
   * compression allow, the level stores the changes against the full's chunks; forgetting the full,
   * pruning with repacking and repairing the index leave the level restoring whole.
   */
  @ParameterizedTest(name = "format {0} {1} zstd:{2} encrypted={3}")
  @MethodSource("grid")
  void levelOfATree(VolumeFormat format, String kind, int level, boolean encrypted) throws Exception {
    Backend backend = backend(kind);
    Path dir = Files.createDirectories(tmp.resolve("tree-" + format + kind + level + encrypted));
    Path file = dir.resolve("table");
    Files.write(file, TestData.dumpLike(level * 10L + 7, 1_500_000));
    VolumeOptions options = TestData.smallVolume().withCompression(level).withTreeCompression(level).withEncryption(encrypted).withFormat(format);
    String full;
    String changed;
    byte[] expected;
    try (Volume v = TestData.init(backend, options, "VolumeGridTest tree " + format + " " + kind + " zstd:" + level)) {
      full = tree(v, dir, null);
      byte[] bytes = Files.readAllBytes(file);
      for (int at = 1000; at < bytes.length; at += 100_000) {
        bytes[at] ^= 0x55;
      }
      Files.write(file, bytes);
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
      expected = bytes;
      changed = tree(v, dir, v.manifest(full).entry("data").tree());
      assertThat(v.stats().blobsAgainstReferences() > 0).isEqualTo(format.storesAgainstReferences() && level > 0);
    }
    try (Volume v = Volume.open(backend, encrypted ? TestData.PASSPHRASE : null)) {
      v.forget(List.of(full));
      v.prune(false, 1.0, ProgressListener.NONE);
      v.repairIndex(ProgressListener.NONE);
      assertThat(v.check(true, ProgressListener.NONE).ok()).isTrue();
      Path out = tmp.resolve("restored-" + format + kind + level + encrypted);
      try (BackupReader r = v.reader()) {
        r.restoreTree("0123456789abcdef", v.manifest(changed).entry("data"), out, RestoreOptions.defaults(), ProgressListener.NONE);
      }
      assertThat(out.resolve("table")).hasBinaryContent(expected);
    }
  }

  private static String tree(Volume v, Path dir, String previous) throws IOException {
    try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
      w.putTree("data", dir, previous == null ? TreeOptions.full() : TreeOptions.full().withPrevious(previous));
      return w.commit().id();
    }
  }
}
