package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher hides a failing training of the remote commands' class archive (they then start
 * with the archive of all commands, slower): the training must run through, and it fails when any
 * command its client sends to the training's agent fails.
 */
class ClientArchiveTrainingTest {

  @TempDir Path tmp;

  @Test
  void trainingRunsThrough_everyRemoteCommandOfItsClientSucceeding() {
    assertThatCode(() -> ClientArchiveTraining.main(new String[] {tmp.resolve("training").toString(),
        tmp.resolve("client.jsa").toString()})).doesNotThrowAnyException();
  }
}
