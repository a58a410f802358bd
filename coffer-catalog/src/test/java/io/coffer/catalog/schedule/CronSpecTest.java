package io.coffer.catalog.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronSpecTest {

  @ParameterizedTest
  @ValueSource(strings = {"41 1 * * *", "*/15 * * * *", "0 22 * * 1-5", "5 4 1 jan *", "0 0 * * sun", "0,30 8-18 * * *"})
  void parse_acceptsUnixCron(String expression) {
    assertThat(CronSpec.parse(expression)).hasToString(expression);
  }

  @Test
  void parse_normalisesSpacing() {
    CronSpec spec = CronSpec.parse("  41   1 * *  * ");

    assertThat(spec).hasToString("41 1 * * *");
    assertThat(spec.minute()).isEqualTo("41");
    assertThat(spec.hour()).isEqualTo("1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      61 * * * *  | cron minute       | 61
      * 24 * * *  | cron hour         | 24
      * * 32 * *  | cron day-of-month | 32
      * * * 13 *  | cron month        | 13
      * * * * 8   | cron day-of-week  | 8
      x * * * *   | cron minute       | x
      """)
  void parse_namesTheFieldThatIsWrong(String expression, String field, String value) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> CronSpec.parse(expression));

    assertThat(error.field()).isEqualTo(field);
    assertThat(error.value()).isEqualTo(value);
    assertThat(error.getMessage()).startsWith(field + " \"" + value + "\" is not valid").contains("accepted: five fields");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "* * * *", "* * * * * *", "@daily"})
  void parse_refusesAnythingButFiveFields(String expression) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> CronSpec.parse(expression));

    assertThat(error.field()).isEqualTo("cron");
    assertThat(error.value()).isEqualTo(expression);
  }

  @Test
  void nextAfter_findsTheNextRun() {
    CronSpec spec = CronSpec.parse("41 1 * * *");

    assertThat(spec.nextAfter(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC))
        .contains(Instant.parse("2026-03-02T01:41:00Z"));
  }
}
