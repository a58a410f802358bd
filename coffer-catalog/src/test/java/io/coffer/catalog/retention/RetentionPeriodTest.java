package io.coffer.catalog.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.time.TimeLength;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPeriodTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      7 days           | 7 days            | 2026-01-08T00:00:00Z
      2 weeks          | 2 weeks           | 2026-01-15T00:00:00Z
      1 month          | 1 month           | 2026-02-01T00:00:00Z
      1 MONTHS         | 1 month           | 2026-02-01T00:00:00Z
      2 years          | 2 years           | 2028-01-01T00:00:00Z
      12 hours         | 12 hours          | 2026-01-01T12:00:00Z
      6 months, 1 year | 1 year 6 months   | 2027-07-01T00:00:00Z
      30 minute        | 30 minutes        | 2026-01-01T00:30:00Z
      14d              | 14 days           | 2026-01-15T00:00:00Z
      1w 3d            | 1 week 3 days     | 2026-01-11T00:00:00Z
      7days            | 7 days            | 2026-01-08T00:00:00Z
      1y 2mo           | 1 year 2 months   | 2027-03-01T00:00:00Z
      """)
  void parse_acceptsPgBackManPeriods(String text, String canonical, String after) {
    RetentionPeriod period = RetentionPeriod.parse(text);

    assertThat(period).hasToString(canonical);
    assertThat(period.after(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(Instant.parse(after));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "7", "days", "3 fortnights", "0 days", "1 week 2 weeks", "1.5 days", "-1 day", "1M"})
  void parse_rejectsNamingTheFieldAndTheAcceptedUnits(String text) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> RetentionPeriod.parse(text));

    assertThat(error.field()).isEqualTo("retention");
    assertThat(error.value()).isEqualTo(text);
    assertThat(error.getMessage()).startsWith("retention \"" + text + "\" is not valid")
        .endsWith("accepted: " + TimeLength.ACCEPTED);
  }

  @ParameterizedTest
  @CsvSource({"2026-01-31T10:00:00Z, 2026-02-28T10:00:00Z", "2024-01-31T10:00:00Z, 2024-02-29T10:00:00Z"})
  void after_usesCalendarMonths(String finished, String expected) {
    assertThat(RetentionPeriod.parse("1 month").after(Instant.parse(finished))).isEqualTo(Instant.parse(expected));
  }
}
