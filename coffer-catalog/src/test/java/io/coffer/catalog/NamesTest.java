package io.coffer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.model.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"pg1", "db-01.example.org", "10.0.0.5", "a_b"})
  void namesOfAgentsNodesAndVolumes(String name) {
    assertThat(Names.require("node", name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12", "-pg", "pg 1", "pg/1", "é"})
  void aNameThatIsEmptyAllDigitsOrOddlySpelled_isRefused(String name) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> Names.require("node", name));

    assertThat(error.field()).isEqualTo("node");
    assertThat(error.getMessage()).contains("not all digits");
  }

  @Test
  void enums_parseIgnoringCaseAndListTheAcceptedValues() {
    assertThat(Enums.engine("PostgreSQL")).isEqualTo(Engine.POSTGRESQL);

    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> Enums.engine("oracle"));

    assertThat(error.getMessage())
        .isEqualTo("engine \"oracle\" is not valid; accepted: postgresql, mariadb, sqlite, filesystem");
  }
}
