package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/** The launcher's copy of the SQLite driver's native library is the one the driver would extract itself. */
class SqliteNativeLibraryTest {

  @TempDir Path dir;

  @Test
  void copiesTheDriversOwnLibraryForThisSystem_underTheNameTheDriverLoads() throws Exception {
    assertThat(SqliteNativeLibrary.copy(dir.resolve("native"))).isTrue();

    Path copied = dir.resolve("native").resolve(LibraryLoaderUtil.getNativeLibName());
    try (InputStream original = getClass().getResourceAsStream(LibraryLoaderUtil.getNativeLibResourcePath() + "/"
        + LibraryLoaderUtil.getNativeLibName())) {
      assertThat(Files.readAllBytes(copied)).isEqualTo(original.readAllBytes());
    }
    try (var left = Files.list(dir.resolve("native"))) {
      assertThat(left.toList()).as("no temporary file left").containsExactly(copied);
    }
  }
}
