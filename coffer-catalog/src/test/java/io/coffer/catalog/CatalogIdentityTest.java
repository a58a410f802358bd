package io.coffer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.catalog.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** A catalog's identity: drawn once, the same for every process that opens it, another for another catalog. */
class CatalogIdentityTest extends CatalogTestBase {

  @Test
  void identity_isDrawnOnce_andSharedByEveryOpeningOfTheCatalog() {
    String identity = catalog.identity();

    assertThat(identity).matches("[0-9a-f]{8}");
    try (Catalog again = Catalog.open(instance().settings())) {
      assertThat(again.identity()).isEqualTo(identity);
    }
  }

  @Test
  void anotherCatalog_hasAnotherIdentity() {
    TestDatabase.Instance other = database.create();
    try (Catalog second = Catalog.open(other.settings())) {
      assertThat(second.identity()).matches("[0-9a-f]{8}").isNotEqualTo(catalog.identity());
    } finally {
      other.drop();
    }
  }
}
