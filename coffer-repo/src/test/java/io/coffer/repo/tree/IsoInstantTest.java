package io.coffer.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.testing.Seeds;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** File times are written exactly as {@link Instant#toString()} writes them, which trees always held. */
class IsoInstantTest {

  @Test
  void everyTime_isWrittenAsTheJdkWritesIt() {
    Random r = Seeds.random("IsoInstantTest.everyTime");
    for (int i = 0; i < 200_000; i++) {
      long seconds = switch (i % 4) {
        case 0 -> r.nextLong() % 400_000_000_000L;     // both sides of 1970 and of year 9999
        case 1 -> 1_500_000_000L + r.nextInt(500_000_000);
        case 2 -> r.nextInt(86_400 * 3) - 86_400L;       // around the epoch
        default -> 253_402_300_799L - r.nextInt(86_400 * 400) + r.nextInt(86_400 * 2);
      };
      int nanos = switch (r.nextInt(4)) {
        case 0 -> 0;
        case 1 -> r.nextInt(1000) * 1_000_000;
        case 2 -> r.nextInt(1_000_000) * 1000;
        default -> r.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      assertThat(IsoInstant.of(FileTime.from(instant))).as("%d s %d ns", seconds, nanos).isEqualTo(instant.toString());
    }
  }

  @Test
  void edges_areWrittenAsTheJdkWritesThem() {
    long[] seconds = {0, 59, 60, 3599, 3600, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 4_107_542_400L /* 2100-03-01 */,
        253_402_300_799L, 253_402_300_800L, -1};
    for (long s : seconds) {
      for (int nanos : new int[] {0, 1, 999, 1000, 999_999_000, 1_000_000, 999_000_000, 999_999_999}) {
        Instant instant = Instant.ofEpochSecond(s, nanos);
        assertThat(IsoInstant.of(FileTime.from(instant))).isEqualTo(instant.toString());
      }
    }
    // A file time in another unit, as the JDK's stat gives whole seconds.
    assertThat(IsoInstant.of(FileTime.from(1_700_000_000L, TimeUnit.SECONDS))).isEqualTo("2023-11-14T22:13:20Z");
  }
}
