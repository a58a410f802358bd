package io.coffer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseGlobTest {

  @Test
  void starAndQuestionMark_areTheOnlyWildcards() {
    assertThat(DatabaseGlob.of("sales_*").matches("sales_eu")).isTrue();
    assertThat(DatabaseGlob.of("sales_*").matches("sales_")).isTrue();
    assertThat(DatabaseGlob.of("sales_*").matches("presales_eu")).isFalse();
    assertThat(DatabaseGlob.of("db?").matches("db1")).isTrue();
    assertThat(DatabaseGlob.of("db?").matches("db12")).isFalse();
    assertThat(DatabaseGlob.of("a.b[1]+").matches("a.b[1]+")).as("regex characters are themselves").isTrue();
    assertThat(DatabaseGlob.of("a.b").matches("axb")).isFalse();
  }

  @Test
  void isPattern_onlyWithAWildcard() {
    assertThat(DatabaseGlob.isPattern("sales_*")).isTrue();
    assertThat(DatabaseGlob.isPattern("db?")).isTrue();
    assertThat(DatabaseGlob.isPattern("sales")).isFalse();
  }
}
