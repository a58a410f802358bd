package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher hides a failing training run (Coffer then starts without a class archive, 0.7 s
 * slower, and tries again at every start): the training must run through.
 */
class ClassArchiveTrainingTest {

  @TempDir Path tmp;

  @Test
  void trainingRunsThrough() {
    assertThatCode(() -> ClassArchiveTraining.main(new String[] {tmp.toString()})).doesNotThrowAnyException();
  }
}
