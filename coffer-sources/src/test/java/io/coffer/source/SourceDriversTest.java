package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceDriversTest {

  @Test
  void everyEngineHasItsDriver() {
    for (Engine engine : Engine.values()) {
      assertThat(SourceDrivers.forEngine(engine).engine()).isEqualTo(engine);
    }
  }
}
