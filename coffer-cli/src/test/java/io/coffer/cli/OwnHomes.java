package io.coffer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary directories, each with an empty {@code coffer.yaml}, that stand in for the user's home
 * in tests that do not make their own; removed when the test JVM exits.
 */
final class OwnHomes {

  private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(OwnHomes::deleteQuietly), "coffer-test-homes"));
  }

  private OwnHomes() {}

  /** A new directory holding an empty coffer.yaml; its {@code home} subdirectory is made on first use. */
  static Path create() {
    try {
      Path directory = Files.createTempDirectory("coffer-cli-test-");
      Files.writeString(directory.resolve("coffer.yaml"), "");
      CREATED.add(directory);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover in the temporary directory is harmless; the test's result stands.
    }
  }
}
