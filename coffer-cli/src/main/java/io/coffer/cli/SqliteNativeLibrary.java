package io.coffer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Run once per build by the {@code ./coffer} launcher: copies the SQLite driver's native library for
 * this system out of the jar into a directory, which the launcher then names in {@code
 * org.sqlite.lib.path}.
 *
 * <p>Why: without it, sqlite-jdbc writes its native library into the temporary directory at every
 * start and runs {@code uname -o} first to tell Android apart, about a tenth of a second of every
 * command on an SQLite catalog. The resource is the one the driver itself would pick ({@link
 * LibraryLoaderUtil}, the same operating system, architecture and C library checks). When there is
 * none, nothing is written and the driver goes on finding its library as before; a library that does
 * not load is skipped by the driver, which then extracts its own.
 */
public final class SqliteNativeLibrary {

  private SqliteNativeLibrary() {}

  /** {@code args[0]}: the directory to write the library into. Exit code 1 when there is none for this system. */
  public static void main(String[] args) throws IOException {
    System.exit(copy(Path.of(args[0])) ? 0 : 1);
  }

  /** Copies the library into {@code directory}, whole or not at all; false when the jar has none for this system. */
  static boolean copy(Path directory) throws IOException {
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, ".sqlite-native", ".tmp");
      try {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, directory.resolve(LibraryLoaderUtil.getNativeLibName()), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      return true;
    }
  }
}
