package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * No two top-level main classes of Coffer share a simple name, so a stack trace, a log line or a
 * search names one class. The CLI sees every module, so the scan runs here.
 */
class ClassNamesTest {

  /**
   * Names still shared when this test was written, each to be given one definition or distinct
   * names (issue 14). A name leaves this list when it stops colliding; none may join it.
   */
  private static final Set<String> STILL_SHARED = Set.of(
      // one concept defined twice, in the catalog and in the sources
      "DatabaseSelector", "Engine", "Kind", "Node");

  /** The test jar of coffer-repo is on this module's class path; its classes are not main classes. */
  private static final ImportOption NO_TEST_JARS = location -> !location.contains("-tests.jar");

  @Test
  void mainClasses_haveDistinctSimpleNames() {
    Iterable<JavaClass> classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(NO_TEST_JARS)
        .importPackages("io.coffer");
    Map<String, List<String>> byName = StreamSupport.stream(classes.spliterator(), false)
        .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
        .collect(Collectors.groupingBy(JavaClass::getSimpleName, TreeMap::new,
            Collectors.mapping(JavaClass::getName, Collectors.toList())));

    assertThat(byName).as("the scan found the classes of every module")
        .containsKeys("CofferCommand", "Coffer", "CatalogSettings", "ChildProcess", "Volume", "ApiServer");
    Map<String, List<String>> shared = byName.entrySet().stream()
        .filter(e -> e.getValue().size() > 1 && !STILL_SHARED.contains(e.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    assertThat(shared).as("simple names used by more than one main class").isEmpty();
  }
}
