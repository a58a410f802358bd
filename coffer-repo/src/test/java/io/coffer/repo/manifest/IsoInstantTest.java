package io.coffer.repo.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.testing.Seeds;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * File times are written exactly as {@link Instant#toString()} writes them, which trees always held,
 * and read back exactly as {@link Instant#parse} reads them.
 */
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
      int nanos = nanos(r);
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

  @Test
  void everyWrittenTime_readsBackAsTheJdkReadsIt() {
    Random r = Seeds.random("IsoInstantTest.readsBack");
    for (int i = 0; i < 200_000; i++) {
      long seconds = i % 2 == 0 ? r.nextLong() % 400_000_000_000L : 1_500_000_000L + r.nextInt(500_000_000);
      int nanos = nanos(r);
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      String text = instant.toString();
      assertThat(IsoInstant.parse(text)).as(text).isEqualTo(instant).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void otherForms_areReadOrRefusedAsTheJdkDoes() {
    String[] read = {"2001-02-03T04:05:06.5Z", "2001-02-03T04:05:06.1234Z", "2001-02-03t04:05:06z",
        "1969-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "2000-02-29T00:00:00Z", "2100-02-28T23:59:59Z",
        "2001-02-03T04:05:06+01:00", "1970-01-01T00:00:00Z", "2001-02-03T24:00:00Z" /* the next midnight */,
        "2001-02-03T04:05:06.Z" /* a point without digits */};
    for (String text : read) {
      assertThat(IsoInstant.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
    String[] refused = {"2001-02-30T00:00:00Z", "2100-02-29T00:00:00Z", "2001-13-01T00:00:00Z", "2001-00-10T00:00:00Z",
        "2001-02-03T04:60:00Z", "2001-02-03T04:05:6xZ", "2001-02-03T04:05:06.12xZ", "2001-02-03T04:05:06xZ",
        "2001-02-03 04:05:06Z", "20x1-02-03T04:05:06Z", "2001-02-03T04:05:06", "", "not a time"};
    for (String text : refused) {
      assertThatThrownBy(() -> Instant.parse(text)).as("the JDK refuses " + text).isInstanceOf(DateTimeParseException.class);
      assertThatThrownBy(() -> IsoInstant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
    }
  }

  /** A fraction of a second in each of the forms Instant writes: none, milli, micro, nano. */
  private static int nanos(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> r.nextInt(1000) * 1_000_000;
      case 2 -> r.nextInt(1_000_000) * 1000;
      default -> r.nextInt(1_000_000_000);
    };
  }
}
