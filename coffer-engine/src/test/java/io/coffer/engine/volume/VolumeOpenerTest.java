package io.coffer.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.BackupWriter;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.TestData;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeOptions;
import io.coffer.repo.WrongPassphraseException;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.backend.S3Options;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.index.Mappings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class VolumeOpenerTest {

  @TempDir Path dir;

  private String volume() throws IOException {
    Path location = dir.resolve("volume");
    try (Volume v = Volume.init(new LocalBackend(location),
        VolumeOptions.defaults().withKdf(KdfParams.weakForTests()), "right".toCharArray(), TestData.masterKey("VolumeOpenerTest"))) {
      return location.toString();
    }
  }

  @Test
  void openAhead_thenOpen_givesTheVolumeOpenedInTheBackground_askingForThePassphraseOnce() throws IOException {
    String location = volume();
    AtomicInteger asked = new AtomicInteger();
    try (VolumeOpener opener = new VolumeOpener(S3Options.DEFAULT, l -> {
      asked.incrementAndGet();
      return "right".toCharArray();
    })) {
      opener.openAhead(location);
      Volume first = opener.open(location);
      assertThat(opener.open(location)).isSameAs(first);
      assertThat(asked).hasValue(1);
    }
  }

  @Test
  void openAhead_thatFails_isReportedByTheNextOpen_andTheOneAfterTriesAgain() throws IOException {
    String location = volume();
    AtomicInteger asked = new AtomicInteger();
    try (VolumeOpener opener = new VolumeOpener(S3Options.DEFAULT,
        l -> (asked.incrementAndGet() == 1 ? "wrong" : "right").toCharArray())) {
      opener.openAhead(location);
      assertThatThrownBy(() -> opener.open(location)).isInstanceOf(WrongPassphraseException.class);
      assertThat(opener.open(location)).isNotNull();
      assertThat(asked).hasValue(2);
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theVolumesItOpens_mapTheirIndexesInItsIndexDirectory_untilItCloses() throws IOException {
    String location = volume();
    Path indexes = dir.resolve("home").resolve("cache").resolve("index");
    try (VolumeOpener opener = new VolumeOpener(S3Options.DEFAULT, l -> "right".toCharArray(), UnaryOperator.identity(), indexes)) {
      Volume v = opener.open(location);
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putStream("a", new ByteArrayInputStream(TestData.dumpLike(1, 100_000)));
        w.commit();
      }
      assertThat(v.index().blobCount()).isPositive();
      assertThat(Mappings.in(indexes)).isPositive();
    }
    assertThat(Mappings.in(indexes)).isZero();
    assertThat(Mappings.files(indexes)).isEmpty();
  }
}
