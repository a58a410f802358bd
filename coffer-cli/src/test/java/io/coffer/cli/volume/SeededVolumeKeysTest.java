package io.coffer.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.repo.MasterKeys;
import io.coffer.repo.TestData;
import io.coffer.repo.crypto.KeyFile;
import io.coffer.repo.crypto.MasterKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume a CLI test creates has its master key from the run's seed (issue 14): a failing run
 * replays with {@code -Dcoffer.test.seed} with the same chunk boundaries and blob ids.
 */
class SeededVolumeKeysTest {

  @TempDir Path tmp;

  @Test
  void volumeInit_inATest_drawsTheMasterKeyFromTheRunsSeed() {
    Cli cli = new Cli();
    cli.ok("volume", "init", tmp.resolve("first").toString());
    cli.ok("volume", "init", tmp.resolve("second").toString());
    new Cli().ok("volume", "init", tmp.resolve("again").toString());

    MasterKeys seeded = TestData.masterKeys("volume keys of " + SeededVolumeKeysTest.class.getName());
    MasterKey first = seeded.next();
    assertThat(masterKey(tmp.resolve("first"))).isEqualTo(first);
    assertThat(masterKey(tmp.resolve("second"))).isEqualTo(seeded.next()).isNotEqualTo(first);
    assertThat(masterKey(tmp.resolve("again"))).as("another Cli of the same test draws the same keys").isEqualTo(first);
  }

  private static MasterKey masterKey(Path volume) {
    try (Stream<Path> files = Files.list(volume.resolve("keys"))) {
      List<Path> keys = files.toList();
      assertThat(keys).hasSize(1);
      return KeyFile.open(Files.readAllBytes(keys.get(0)), Cli.PASSPHRASE.toCharArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
