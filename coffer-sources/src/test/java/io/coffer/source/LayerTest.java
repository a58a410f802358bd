package io.coffer.source;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md as they apply to sources. */
class LayerTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.coffer.source");

  @Test
  void sourcesKnowNothingOfTheVolumeTheCatalogOrTheEngine() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.coffer.repo..", "io.coffer.catalog..", "io.coffer.engine..", "io.coffer.cli..")
        .check(classes);
  }

  @Test
  void driversDoNotUseEachOther() {
    for (String driver : new String[] {"postgres", "mariadb", "sqlite"}) {
      noClasses().that().resideInAPackage("io.coffer.source." + driver + "..")
          .should().dependOnClassesThat()
          .resideInAnyPackage(otherDrivers(driver))
          .check(classes);
    }
  }

  @Test
  void theApiAndProcessPackagesDoNotDependOnDrivers() {
    noClasses().that().resideInAnyPackage("io.coffer.source.process..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("io.coffer.source.postgres..", "io.coffer.source.mariadb..", "io.coffer.source.sqlite..")
        .check(classes);
  }

  private static String[] otherDrivers(String driver) {
    return java.util.stream.Stream.of("postgres", "mariadb", "sqlite")
        .filter(d -> !d.equals(driver))
        .map(d -> "io.coffer.source." + d + "..")
        .toArray(String[]::new);
  }
}
