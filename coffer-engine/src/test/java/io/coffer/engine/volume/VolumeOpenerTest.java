package io.coffer.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.TestData;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeOptions;
import io.coffer.repo.WrongPassphraseException;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.backend.S3Options;
import io.coffer.repo.crypto.KdfParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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
}
