package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.Engine;
import org.junit.jupiter.api.Test;

class SourceDriversTest {

  @Test
  void everyDatabaseEngineHasItsDriver() {
    for (Engine engine : Engine.values()) {
      if (engine.isDatabase()) {
        assertThat(SourceDrivers.forEngine(engine).engine()).isEqualTo(engine);
      }
    }
  }

  @Test
  void aFilesystemNodeHasNoDriver_itsFilesAreCopiedByTheEngine() {
    assertThatThrownBy(() -> SourceDrivers.forEngine(Engine.FILESYSTEM))
        .hasMessageContaining("no source driver for engine filesystem");
  }
}
