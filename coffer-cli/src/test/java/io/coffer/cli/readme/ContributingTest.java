package io.coffer.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

  private static final String SLEEP = "Thread" + ".sleep("; // split, or this file would name itself

  /**
   * "Latches and awaited states, not sleeps": no test sleeps to wait for something (issue 14). A
   * benchmark's pacing (a {@code bench} package) is not a wait.
   */
  @Test
  void theTests_awaitStates_andNeverSleep() throws IOException {
    Path root = Readme.root();
    List<String> sleepers;
    try (Stream<Path> files = Files.walk(root)) {
      sleepers = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/test/java/"))
          .filter(f -> !f.toString().contains("/bench/") && !f.toString().contains("/target/"))
          .filter(f -> read(f).contains(SLEEP)).map(f -> root.relativize(f).toString()).toList();
    }
    assertThat(sleepers).as("tests that sleep instead of awaiting a state (coffer-testing's Await)").isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
