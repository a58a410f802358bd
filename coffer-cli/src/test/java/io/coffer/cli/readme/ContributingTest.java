package io.coffer.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CONTRIBUTING.md and the README's building blocks name every module the build has, so a newcomer's
 * map cannot silently fall behind the parent pom; the test variables it documents are the ones the
 * tests read.
 */
class ContributingTest {

  @Test
  void theModuleMaps_nameEveryModuleOfTheBuild() throws IOException {
    Path root = Readme.root();
    String pom = Files.readString(root.resolve("pom.xml"));
    List<String> modules = new ArrayList<>();
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertThat(modules).contains("coffer-cli", "coffer-engine");
    String contributing = Files.readString(root.resolve("CONTRIBUTING.md"));
    String readme = Files.readString(root.resolve("README.md"));
    for (String module : modules) {
      assertThat(contributing).as("CONTRIBUTING.md's module map").contains("| `" + module + "` |");
      assertThat(readme).as("README's building blocks").contains("| `" + module + "` |");
    }
  }

  @Test
  void theTestVariablesItDocuments_areReadByTheTests() throws IOException {
    Path root = Readme.root();
    String contributing = Files.readString(root.resolve("CONTRIBUTING.md"));
    String catalogTests = Files.readString(
        root.resolve("coffer-catalog/src/test/java/io/coffer/catalog/testing/TestDatabase.java"));
    for (String variable : List.of("COFFER_TEST_PG_URL", "COFFER_TEST_PG_USER")) {
      assertThat(contributing).contains("`" + variable + "`");
      assertThat(catalogTests).contains("\"" + variable + "\"");
    }
  }
}
