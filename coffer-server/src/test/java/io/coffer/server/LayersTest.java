package io.coffer.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server is an interface: it calls the engine's services, never the catalog's repositories or SQL. */
class LayersTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.coffer.server");

  @Test
  void theServer_usesEngineServices_notTheCatalog() {
    noClasses().that().resideInAPackage("io.coffer.server..")
        .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.coffer.catalog.Catalog")
        .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.jdbi..", "io.coffer.catalog.store..")
        .orShould().callMethod(io.coffer.engine.Coffer.class, "catalog")
        .check(CLASSES);
  }

  @Test
  void theServer_doesNotKnowTheCli() {
    noClasses().that().resideInAPackage("io.coffer.server..")
        .should().dependOnClassesThat().resideInAPackage("io.coffer.cli..")
        .check(CLASSES);
  }
}
