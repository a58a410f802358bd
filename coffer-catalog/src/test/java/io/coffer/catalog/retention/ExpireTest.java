package io.coffer.catalog.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpireTest {

  @Test
  void parse_acceptsWeeksDaysHoursMinutes() {
    Expire expire = Expire.parse("1w 3d 4h 5m");

    assertThat(expire.duration()).isEqualTo(Duration.ofDays(10).plusHours(4).plusMinutes(5));
    assertThat(expire).hasToString("1w 3d 4h 5m");
  }

  @Test
  void parse_acceptsPartsWithoutSpacesAndInAnyOrder() {
    assertThat(Expire.parse("1w3d")).isEqualTo(Expire.parse("3d 1w")).hasToString("1w 3d");
    assertThat(Expire.parse("2y").duration()).isEqualTo(Duration.ofDays(730));
  }

  @Test
  void parse_rejectsFortnightsListingTheAcceptedForms() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> Expire.parse("3 fortnights"));

    assertThat(error.field()).isEqualTo("expire");
    assertThat(error.value()).isEqualTo("3 fortnights");
    assertThat(error.getMessage())
        .isEqualTo("expire \"3 fortnights\" is not valid; accepted: one or more <number><unit> with units"
            + " y (365 days), w (weeks), d (days), h (hours), m (minutes), each unit once, e.g. \"1w 3d 4h 5m\" or \"30d\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "1", "w", "1M", "1w 2w", "0d", "-1d", "1.5d", "1w, 3d", "1234567d"})
  void parse_rejects(String text) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class, () -> Expire.parse(text));

    assertThat(error.field()).isEqualTo("expire");
    assertThat(error.getMessage()).contains("\"" + text + "\"").contains("accepted: one or more <number><unit>");
  }

  @Test
  void after_addsTheDurationToTheFinishTime() {
    Instant finished = Instant.parse("2026-01-01T00:00:00Z");

    assertThat(Expire.parse("1d 1h").after(finished)).isEqualTo(Instant.parse("2026-01-02T01:00:00Z"));
  }
}
