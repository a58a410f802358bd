package io.coffer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogSettingsTest {

  @Test
  void postgresql_refusesAnotherUrl() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> CatalogSettings.postgresql("jdbc:mysql://db/coffer", "coffer"));

    assertThat(error.field()).isEqualTo("catalog.url");
    assertThat(error.getMessage()).contains("jdbc:postgresql://HOST[:PORT]/DATABASE");
  }

  @Test
  void postgresql_refusesAPasswordInTheUrlWithoutRepeatingIt() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> CatalogSettings.postgresql("jdbc:postgresql://db/coffer?user=c&password=hunter2", "coffer"));

    assertThat(error.getMessage()).doesNotContain("hunter2").contains("password-file");
    assertThat(error.value()).doesNotContain("hunter2");
  }

  @Test
  void schema_mustBeAPlainSqlName() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> CatalogSettings.postgresql("jdbc:postgresql://db/coffer", "coffer").withSchema("x; drop table"));

    assertThat(error.field()).isEqualTo("catalog.schema");
  }

  @Test
  void schema_isForPostgresqlOnly() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> CatalogSettings.sqlite(Path.of("/tmp/c.db")).withSchema("coffer"));

    assertThat(error.field()).isEqualTo("catalog.schema");
  }

  @Test
  void toString_namesThePasswordFileNotAPassword() {
    CatalogSettings settings = CatalogSettings.postgresql("jdbc:postgresql://db/coffer", "coffer")
        .withPasswordFile(Path.of("/etc/coffer/catalog.password"));

    assertThat(settings.toString()).isEqualTo(
        "catalog postgresql jdbc:postgresql://db/coffer as coffer, password file /etc/coffer/catalog.password");
  }

  @Test
  void poolSize_isBounded() {
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> CatalogSettings.sqlite(Path.of("/tmp/c.db")).withPoolSize(0));

    assertThat(error.getMessage()).isEqualTo("catalog.pool-size \"0\" is not valid; accepted: a whole number from 1 to 64");
  }
}
