package io.coffer.catalog.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one grammar of lengths of time: short and long spellings, mixed, one refusal text. */
class TimeLengthTest {

  private static final Instant START = Instant.parse("2026-01-31T10:00:00Z");

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      14d               | 2026-02-14T10:00:00Z
      14 days           | 2026-02-14T10:00:00Z
      2 weeks           | 2026-02-14T10:00:00Z
      2w                | 2026-02-14T10:00:00Z
      1w 7d             | 2026-02-14T10:00:00Z
      1 week, 7 days    | 2026-02-14T10:00:00Z
      1mo               | 2026-02-28T10:00:00Z
      1 month 2 hours   | 2026-02-28T12:00:00Z
      1y                | 2027-01-31T10:00:00Z
      90 min            | 2026-01-31T11:30:00Z
      3600s             | 2026-01-31T11:00:00Z
      2 HOURS 30 m      | 2026-01-31T12:30:00Z
      """)
  void shortAndLongSpellingsMeanTheSame(String text, String after) {
    assertThat(TimeLength.parse("length", text).after(START)).isEqualTo(Instant.parse(after));
  }

  @Test
  void before_goesBackByCalendarMonths() {
    assertThat(TimeLength.parse("since", "1 month").before(Instant.parse("2026-03-31T00:00:00Z")))
        .isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
  }

  @Test
  void fixed_acceptsWeeksAndShorterUnits() {
    assertThat(TimeLength.fixed("agent.heartbeat", "1m 30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(TimeLength.fixed("agent.heartbeat", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(TimeLength.fixed("job.lease", "2 minutes")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void fixed_refusesMonthsSayingWhy() {
    var error = catchThrowableOfType(CatalogValidationException.class, () -> TimeLength.fixed("job.lease", "1 month"));

    assertThat(error.getMessage()).isEqualTo("job.lease \"1 month\" is not valid (months and years have no fixed"
        + " length here; use weeks or days); accepted: " + TimeLength.ACCEPTED);
  }

  @Test
  void aLoneCapitalM_isRefusedAsAmbiguous() {
    var error = catchThrowableOfType(CatalogValidationException.class, () -> TimeLength.parse("expire", "3M"));

    assertThat(error.getMessage()).contains("could be months or minutes");
  }

  @Test
  void everyRefusalListsTheSameForms() {
    for (String bad : new String[] {"14", "fortnight", "2 fortnights", "1d 1d", "1.5h", "d14"}) {
      var error = catchThrowableOfType(CatalogValidationException.class, () -> TimeLength.parse("retention", bad));
      assertThat(error.field()).isEqualTo("retention");
      assertThat(error.getMessage()).startsWith("retention \"" + bad + "\" is not valid")
          .endsWith("accepted: " + TimeLength.ACCEPTED);
    }
  }
}
