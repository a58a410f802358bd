package io.coffer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Run once per build by the {@code ./coffer} launcher: copies the native libraries of the SQLite
 * driver and of zstd-jni for this system out of the jar into a directory, which the launcher then
 * names in {@code org.sqlite.lib.path} and {@code ZstdNativePath}.
 *
 * <p>Why: without it, both write their native library into the temporary directory at every start
 * and load it from there: sqlite-jdbc runs {@code uname -o} first to tell Android apart, about a
 * tenth of a second of every command on an SQLite catalog; zstd-jni's unpacking of its 0.9 MB took
 * 50-60 ms of every command that compresses or decodes (a JVM's bare {@code Native.load()}: 56-59
 * ms, 4-7 ms from a copy). Each resource is the one the library itself would pick: sqlite-jdbc's by
 * {@link LibraryLoaderUtil} (the same operating system, architecture and C library checks),
 * zstd-jni's by its own {@code Native.resourceName()}. Where there is none, nothing is written and the
 * library goes on finding its own as before. A copy is written whole under a temporary name and
 * renamed over the last one, so a command started meanwhile never meets a half-written library.
 */
public final class NativeLibraries {

  /** The zstd copy's name: fixed, so that a newer build's copy replaces the last one in place. */
  static final String ZSTD = "libzstd-jni.so";

  private NativeLibraries() {}

  /** {@code args[0]}: the directory to write the libraries into, each in a directory of its own. */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args[0]);
    copySqlite(directory.resolve("sqlite"));
    copyZstd(directory.resolve("zstd"));
  }

  /** Copies SQLite's library into {@code directory} under its own name; false when the jar has none for this system. */
  static boolean copySqlite(Path directory) throws IOException {
    String name = LibraryLoaderUtil.getNativeLibName();
    return copy(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name, directory, name);
  }

  /** Copies zstd-jni's library into {@code directory} as {@link #ZSTD}; false when there is none for this system. */
  static boolean copyZstd(Path directory) throws IOException {
    String resource = zstdResource();
    return resource != null && copy(resource, directory, ZSTD);
  }

  /** The resource zstd-jni would unpack for this system, or null where it cannot be told. */
  static String zstdResource() {
    try {
      // Private in zstd-jni: its choice of operating system, architecture and extension is the one
      // to follow, and a later version without the method only means no copy.
      Method m = com.github.luben.zstd.util.Native.class.getDeclaredMethod("resourceName");
      m.setAccessible(true);
      return (String) m.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static boolean copy(String resource, Path directory, String name) throws IOException {
    try (InputStream in = NativeLibraries.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, ".native", ".tmp");
      try {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      return true;
    }
  }
}
