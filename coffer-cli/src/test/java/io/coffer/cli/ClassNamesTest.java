package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A stack trace names one class: no top-level class of the CLI shares its simple name with another of Coffer's. */
class ClassNamesTest {

  @Test
  void everyCliClass_hasASimpleNameOfItsOwn() {
    // Test classes of other modules come as test jars, which the predefined option does not know.
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.coffer");
    Map<String, Set<String>> byName = classes.stream().filter(JavaClass::isTopLevelClass)
        .filter(c -> !c.getSimpleName().equals("package-info"))
        .collect(Collectors.groupingBy(JavaClass::getSimpleName, TreeMap::new,
            Collectors.mapping(JavaClass::getName, Collectors.toCollection(TreeSet::new))));
    List<String> shared = byName.values().stream().filter(names -> names.size() > 1)
        .filter(names -> names.stream().anyMatch(n -> n.startsWith("io.coffer.cli.")))
        .map(Set::toString).toList();
    assertThat(shared).as("CLI classes whose simple name another Coffer class has too").isEmpty();
  }
}
