package io.coffer.catalog.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LevelPlanTest {

  @Test
  void aWeeklyCycle_givesLevelsInTurn() {
    LevelPlan plan = LevelPlan.parse("0, 1,1 1,1,1,1");

    assertThat(plan).hasToString("0,1,1,1,1,1,1");
    assertThat(plan.levelOfRun(0)).isZero();
    assertThat(plan.levelOfRun(3)).isEqualTo(1);
    assertThat(plan.levelOfRun(7)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "1,0", "0,10", "0,a", "0,-1"})
  void plansNotStartingAtZeroOrWithBadLevels_areRefused(String text) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class, () -> LevelPlan.parse(text));

    assertThat(error.field()).isEqualTo("level-plan");
    assertThat(error.value()).isEqualTo(text);
  }
}
