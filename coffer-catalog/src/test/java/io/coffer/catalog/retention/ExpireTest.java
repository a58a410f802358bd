package io.coffer.catalog.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.time.TimeLength;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpireTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void parse_acceptsWeeksDaysHoursMinutes() {
    Expire expire = Expire.parse("1w 3d 4h 5m");

    assertThat(expire.after(START)).isEqualTo(Instant.parse("2026-01-11T04:05:00Z"));
    assertThat(expire).hasToString("1w 3d 4h 5m");
  }

  @Test
  void parse_acceptsPartsWithoutSpacesAndInAnyOrder() {
    assertThat(Expire.parse("1w3d")).isEqualTo(Expire.parse("3d 1w")).hasToString("1w 3d");
    assertThat(Expire.parse("2y").after(START)).isEqualTo(Instant.parse("2028-01-01T00:00:00Z"));
  }

  @Test
  void parse_acceptsTheWordsARetentionPeriodTakes() {
    assertThat(Expire.parse("2 weeks")).isEqualTo(Expire.parse("2w")).hasToString("2w");
    assertThat(Expire.parse("1 year, 6 months")).hasToString("1y 6mo");
  }

  @Test
  void parse_rejectsFortnightsListingTheAcceptedForms() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> Expire.parse("3 fortnights"));

    assertThat(error.field()).isEqualTo("expire");
    assertThat(error.value()).isEqualTo("3 fortnights");
    assertThat(error.getMessage()).isEqualTo(
        "expire \"3 fortnights\" is not valid (unknown unit \"fortnights\"); accepted: " + TimeLength.ACCEPTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "1", "w", "1M", "1w 2w", "0d", "-1d", "1.5d", "1234567d"})
  void parse_rejects(String text) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class, () -> Expire.parse(text));

    assertThat(error.field()).isEqualTo("expire");
    assertThat(error.getMessage()).contains("\"" + text + "\"").endsWith("accepted: " + TimeLength.ACCEPTED);
  }

  @Test
  void after_addsTheDurationToTheFinishTime() {
    Instant finished = Instant.parse("2026-01-01T00:00:00Z");

    assertThat(Expire.parse("1d 1h").after(finished)).isEqualTo(Instant.parse("2026-01-02T01:00:00Z"));
  }
}
