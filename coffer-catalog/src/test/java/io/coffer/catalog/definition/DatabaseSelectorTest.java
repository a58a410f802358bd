package io.coffer.catalog.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseSelectorTest {

  private static final List<String> NODE_DATABASES =
      List.of("postgres", "template0", "template1", "sales_eu", "sales_us", "hr", "scratch", "tmp_1");

  @Test
  void aName_selectsThatDatabaseOnly() {
    DatabaseSelector selector = DatabaseSelector.parse("hr");

    assertThat(selector.isSingleDatabase()).isTrue();
    assertThat(selector.expand(NODE_DATABASES)).containsExactly("hr");
  }

  @Test
  void aList_selectsEachAndIsStoredSorted() {
    DatabaseSelector selector = DatabaseSelector.parse("sales_us, hr ,hr");

    assertThat(selector).hasToString("hr,sales_us");
    assertThat(selector.expand(NODE_DATABASES)).containsExactly("hr", "sales_us");
  }

  @Test
  void aPattern_expandsAgainstTheDatabasesTheNodeHasNow() {
    DatabaseSelector selector = DatabaseSelector.parse("sales_*");

    assertThat(selector.expand(NODE_DATABASES)).containsExactly("sales_eu", "sales_us");
    assertThat(selector.matches("sales_asia")).isTrue();
    assertThat(selector.matches("salesX")).isFalse();
  }

  @Test
  void allDatabases_skipsTemplatesAndExclusions() {
    DatabaseSelector selector = DatabaseSelector.parse("#all_databases#,!scratch,!tmp_*");

    assertThat(selector.isAll()).isTrue();
    assertThat(selector.expand(NODE_DATABASES)).containsExactly("hr", "postgres", "sales_eu", "sales_us");
  }

  @Test
  void patternCharactersOtherThanStarAndQuestionMark_matchLiterally() {
    DatabaseSelector selector = DatabaseSelector.parse("a.b*");

    assertThat(selector.matches("a.bc")).isTrue();
    assertThat(selector.matches("axbc")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a,,b", "#all_databases#,hr", "!scratch", "hr,!scratch", "#all_databases", "a\tb"})
  void malformedSelectors_areRefusedNamingTheField(String text) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> DatabaseSelector.parse(text));

    assertThat(error.field()).isEqualTo("databases");
    assertThat(error.value()).isEqualTo(text);
    assertThat(error.getMessage()).contains("accepted: a database name, a list a,b,c");
  }
}
