package io.coffer.catalog.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedundancyTest {

  @Test
  void one_isTheLeastAccepted() {
    assertThat(Redundancy.parse(" 1 ").count()).isEqualTo(1);
    assertThat(new Redundancy(30)).hasToString("30");
  }

  @Test
  void belowOne_isRefusedNamingFieldAndValue() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class, () -> new Redundancy(0));

    assertThat(error.getMessage()).isEqualTo("redundancy \"0\" is not valid; accepted: a whole number ≥ 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-2", "two", "", "1.5"})
  void parse_refuses(String text) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> Redundancy.parse(text));

    assertThat(error.field()).isEqualTo("redundancy");
    assertThat(error.getMessage()).contains("accepted: a whole number ≥ 1");
  }

  @Test
  void keepPolicy_refusesNegativeCountsNamingTheField() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> new KeepPolicy(7, -1, 0, 0));

    assertThat(error.field()).isEqualTo("keep-weekly");
    assertThat(error.value()).isEqualTo("-1");
  }
}
