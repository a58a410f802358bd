package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warm-up runs only while a volume is being opened; a caller can tell before asking anything. */
class WarmupTest {

  @Test
  void canWarmUp_onlyWhileAVolumeIsBeingOpened() {
    assertThat(Volume.canWarmUp()).as("no volume being opened").isFalse();
    Warmup.opening();
    try {
      Volume.warmUp();
      assertThat(Volume.canWarmUp()).as("it runs once per process, and it ran").isFalse();
    } finally {
      Warmup.opened();
    }
    assertThat(Volume.canWarmUp()).as("the opening ended").isFalse();
  }
}
