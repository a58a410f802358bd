package io.coffer.repo;

import static io.coffer.repo.VolumeRoundTripTest.cat;
import static io.coffer.repo.VolumeRoundTripTest.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.backend.MemoryBackend;
import io.coffer.repo.backend.S3TestServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One life cycle of a volume — put, dedup, cat, check, forget, prune — on format × backend ×
 * compression × encryption.
 */
class VolumeGridTest {

  private static S3TestServer s3;
  @org.junit.jupiter.api.io.TempDir static java.nio.file.Path tmp;

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
    VolumeOptions options = TestData.smallVolume().withCompression(level).withEncryption(encrypted).withFormat(format);
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
}
