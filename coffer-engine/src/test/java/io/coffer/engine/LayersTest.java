package io.coffer.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.coffer.model.Host;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** DESIGN.md's layers: the engine composes catalog, sources and repo; none of them knows the engine. */
class LayersTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.coffer");

  @Test
  void lowerLayers_doNotKnowTheEngine() {
    noClasses().that().resideInAnyPackage("io.coffer.catalog..", "io.coffer.source..", "io.coffer.repo..")
        .should().dependOnClassesThat().resideInAPackage("io.coffer.engine..")
        .check(CLASSES);
  }

  @Test
  void theModel_dependsOnNoOtherLayer() {
    noClasses().that().resideInAPackage("io.coffer.model..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.coffer.catalog..", "io.coffer.source..", "io.coffer.repo..", "io.coffer.engine..")
        .check(CLASSES);
  }

  /** One definition of this host (issue 14): the volume's locks and the catalog's runs once had a copy each. */
  @Test
  void onlyTheModelAsksWhichHostThisIs() {
    noClasses().that().doNotHaveFullyQualifiedName(Host.class.getName())
        .should().callMethod(InetAddress.class, "getLocalHost")
        .check(CLASSES);
  }

  @Test
  void engine_doesNotKnowTheInterfaces() {
    noClasses().that().resideInAPackage("io.coffer.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("io.coffer.cli..", "io.coffer.server..")
        .check(CLASSES);
  }

  @Test
  void onlyTheCatalogSpeaksSqlToTheCatalog() {
    noClasses().that().resideInAPackage("io.coffer.engine..").and().resideOutsideOfPackage("io.coffer.engine.demo..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.jdbi..")
        .check(CLASSES);
  }
}
