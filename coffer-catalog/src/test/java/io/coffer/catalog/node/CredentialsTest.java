package io.coffer.catalog.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.model.CredentialReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {

  @ParameterizedTest
  @CsvSource({
    "none, NONE",
    "file:/etc/coffer/pg1.password, PASSWORD_FILE",
    "pgpass, PGPASS",
    "pgpass:/var/lib/coffer/.pgpass, PGPASS",
    "env:PG1_PASSWORD, ENVIRONMENT"})
  void references_roundTrip(String text, CredentialReference.Source source) {
    CredentialReference reference = Credentials.parse(text);

    assertThat(reference.source()).isEqualTo(source);
    assertThat(reference).hasToString(text);
    assertThat(Credentials.parse(reference.toString())).isEqualTo(reference);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hunter2", "file:relative/path", "env:1BAD", "env:bad-name", "password:hunter2"})
  void anythingElse_isRefusedWithoutRepeatingIt(String text) {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> Credentials.parse(text));

    assertThat(error.field()).isEqualTo("credential");
    assertThat(error.value()).isEqualTo(CatalogValidationException.HIDDEN);
    assertThat(error.getMessage()).doesNotContain(text.substring(Math.max(0, text.indexOf(':') + 1)))
        .contains("never the password");
  }
}
