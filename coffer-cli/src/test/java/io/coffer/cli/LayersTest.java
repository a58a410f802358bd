package io.coffer.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.coffer.catalog.Enums;
import io.coffer.engine.Coffer;
import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.repo.lock.LockInfo;
import io.coffer.repo.lock.Locks;
import io.coffer.server.tls.ServerCertificate;
import io.coffer.source.LinkedTree;
import io.coffer.source.RestorePlan;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.TreeSink.TreeWritten;
import org.junit.jupiter.api.Test;

/**
 * The CLI is an interface (DESIGN.md's layers): it parses, calls the engine's services and prints
 * what they return. Below the engine it sees only the values those services take and return:
 *
 * <ul>
 *   <li>catalog: records, enums and exceptions, and the few value classes that parse what a user
 *       types (filters, updates, retention and schedule texts) — never the catalog, its repositories,
 *       its store or SQL;
 *   <li>volume library: the facade of {@code io.coffer.repo} (a volume, its readers, writers and
 *       reports), what a backup holds ({@code io.coffer.repo.manifest}), the volume's locks (for
 *       {@code volume unlock}) and two settings values — never backends, packs, indexes,
 *       compression, chunking or crypto;
 *   <li>sources: their reports, the listener and their exceptions — never a driver (the engine
 *       names and kinds are {@code io.coffer.model}'s, below every layer);
 *   <li>server: the server it starts ({@code coffer server}, {@code agent run --listen}), its
 *       settings and the certificate it presents — none of its parts.
 * </ul>
 *
 * {@link ClassArchiveTraining} is left out: it is the launcher's class-loading training run, not a
 * command, and loads the drivers' classes on purpose.
 */
class LayersTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.coffer.cli");

  private static final DescribedPredicate<JavaClass> COMMANDS =
      resideInAPackage("io.coffer.cli..").and(not(belongToAnyOf(ClassArchiveTraining.class)))
          .as("classes of the CLI");

  /**
   * What the catalog hands the engine's callers and takes from them: values, not behaviour. A record,
   * enum or exception; the specification of something to add ({@code New…}, with its builder), a
   * filter or an update; or a value parsed from what a user types (it has a static {@code
   * parse(String…)}, as {@code Expire}, {@code CronSpec} or {@code DatabaseSelector}), or {@link Enums},
   * which parses the model's words (kind, engine) as a person types them.
   */
  private static final DescribedPredicate<JavaClass> CATALOG_VALUE = DescribedPredicate.describe(
      "a value of the catalog (record, enum, exception, New… spec, filter, update or parsed text)",
      c -> c.isRecord() || c.isEnum() || c.isAssignableTo(Throwable.class) || specification(c)
          || specification(c.getEnclosingClass().orElse(c)) || parsed(c) || c.isEquivalentTo(Enums.class));

  private static boolean specification(JavaClass c) {
    String name = c.getSimpleName();
    return name.startsWith("New") || name.endsWith("Filter") || name.endsWith("Update");
  }

  private static boolean parsed(JavaClass c) {
    return c.getMethods().stream().anyMatch(m -> m.getName().equals("parse") && m.getModifiers().contains(
        JavaModifier.STATIC) && !m.getRawParameterTypes().isEmpty()
        && m.getRawParameterTypes().stream().allMatch(p -> p.isEquivalentTo(String.class)));
  }

  @Test
  void theCli_reachesTheCatalogOnlyThroughEngineServices() {
    noClasses().that(COMMANDS)
        .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.coffer.catalog.Catalog")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.coffer.catalog.CatalogSettings")
        .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.jdbi..", "org.flywaydb..",
            "io.coffer.catalog.store..")
        .orShould().callMethod(Coffer.class, "catalog")
        .check(CLASSES);
  }

  @Test
  void theCli_seesOnlyValuesOfTheCatalog() {
    noClasses().that(COMMANDS)
        .should().dependOnClassesThat(resideInAPackage("io.coffer.catalog..").and(not(CATALOG_VALUE)))
        .check(CLASSES);
  }

  @Test
  void theCli_seesTheVolumeLibrarysFacade_notItsInternals() {
    DescribedPredicate<JavaClass> facade = resideInAnyPackage("io.coffer.repo", "io.coffer.repo.manifest")
        .or(belongToAnyOf(ChunkerParams.class, KdfParams.class, Locks.class, LockInfo.class));
    noClasses().that(COMMANDS)
        .should().dependOnClassesThat(resideInAPackage("io.coffer.repo..").and(not(facade)))
        .check(CLASSES);
  }

  @Test
  void theCli_seesTheSourcesReports_notTheirDrivers() {
    // A LinkedTree is a value inside PhysicalReport (a tablespace stored beside the data tree).
    DescribedPredicate<JavaClass> values = simpleNameEndingWith("Report")
        .or(belongToAnyOf(RestorePlan.class, SourceListener.class, SourceException.class,
            TreeWritten.class, LinkedTree.class));
    noClasses().that(COMMANDS)
        .should().dependOnClassesThat(resideInAPackage("io.coffer.source..").and(not(values)))
        .check(CLASSES);
  }

  @Test
  void theCli_startsTheServer_butUsesNoneOfItsParts() {
    noClasses().that(COMMANDS)
        .should().dependOnClassesThat(resideInAPackage("io.coffer.server..")
            .and(not(resideInAPackage("io.coffer.server").or(belongToAnyOf(ServerCertificate.class)))))
        .check(CLASSES);
  }
}
