package io.coffer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the shared catalog must guarantee: password files, schemas, clear connection errors. */
class PostgresqlCatalogTest {

  private final TestDatabase.Instance instance = TestDatabase.POSTGRESQL.create();

  @TempDir Path directory;

  @AfterEach
  void drop() {
    instance.drop();
  }

  @Test
  void thePassword_isReadFromItsFile() throws Exception {
    Path file = Files.writeString(directory.resolve("catalog.password"), "not-needed-with-trust\n");

    try (Catalog catalog = Catalog.open(instance.settings().withPasswordFile(file))) {
      catalog.agents().add(NewAgent.of("b1"));
      assertThat(catalog.agents().list()).hasSize(1);
    }
  }

  @Test
  void aMissingPasswordFile_isNamedAndNothingIsOpened() {
    Path missing = directory.resolve("absent.password");

    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class,
        () -> Catalog.open(instance.settings().withPasswordFile(missing)));

    assertThat(error.field()).isEqualTo("catalog.password-file");
    assertThat(error.value()).isEqualTo(missing.toString());
    assertThat(error.getMessage()).contains("NoSuchFileException");
  }

  @Test
  void anUnreachableServer_failsNamingTheLocationButNoPassword() throws Exception {
    Path file = Files.writeString(directory.resolve("catalog.password"), "s3cret-password\n");
    CatalogSettings settings = CatalogSettings.postgresql("jdbc:postgresql://127.0.0.1:1/coffer?connectTimeout=2", "coffer")
        .withPasswordFile(file);

    CatalogException error = catchThrowableOfType(CatalogException.class, () -> Catalog.open(settings));

    assertThat(error.getMessage()).startsWith("cannot open the catalog postgresql jdbc:postgresql://127.0.0.1:1/coffer")
        .doesNotContain("s3cret-password");
  }

  @Test
  void twoSchemas_holdTwoSeparateCatalogs() {
    TestDatabase.Instance other = TestDatabase.POSTGRESQL.create();
    try (Catalog first = Catalog.open(instance.settings()); Catalog second = Catalog.open(other.settings())) {
      first.agents().add(NewAgent.of("b1"));

      assertThat(second.agents().list()).isEmpty();
    } finally {
      other.drop();
    }
  }
}
