package io.coffer.source.sqlite;

import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Database files on disk: finding them, recognising them, moving them with their side files. */
final class SqliteFiles {

  private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /** Files SQLite keeps beside a database; they belong to it and move with it. */
  private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

  private SqliteFiles() {}

  /** The path a database name means on a node: absolute as is, relative to the data directory. */
  static Path resolve(Path dataDirectory, String database) {
    Path path = Path.of(database);
    return path.isAbsolute() ? path : dataDirectory.resolve(path);
  }

  static boolean isDatabase(Path path) {
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(path)) {
      return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Fails unless the path is an existing SQLite database.
   *
   * @throws SourceException NO_SUCH_DATABASE or NOT_A_DATABASE, naming the path
   */
  static void requireDatabase(Path path) throws SourceException {
    if (!Files.exists(path)) {
      throw new SourceException(
          Reason.NO_SUCH_DATABASE, "SQLite database " + path + " does not exist");
    }
    if (!isDatabase(path)) {
      throw new SourceException(
          Reason.NOT_A_DATABASE,
          path + " is not a SQLite database (it does not start with the header 'SQLite format 3')");
    }
  }

  /** The SQLite databases directly inside a directory, by name. */
  static List<String> list(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new SourceException(
          Reason.UNREACHABLE, "SQLite data directory " + directory + " does not exist");
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(SqliteFiles::isDatabase).forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    return names;
  }

  /** {@code app.db} with suffix {@code x} is {@code app_x.db}: the extension stays last. */
  static String suffixed(String name, String suffix) {
    Path path = Path.of(name);
    String file = path.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String renamed =
        dot > 0 ? file.substring(0, dot) + "_" + suffix + file.substring(dot) : file + "_" + suffix;
    Path parent = path.getParent();
    return parent == null ? renamed : parent.resolve(renamed).toString();
  }

  static boolean exists(Path path) {
    return Files.exists(path) || SIDE_FILES.stream().anyMatch(s -> Files.exists(sibling(path, s)));
  }

  /** Moves a database and its side files; fails before moving anything if a destination exists. */
  static void move(Path from, Path to) throws IOException {
    for (String side : concat("", SIDE_FILES)) {
      if (Files.exists(sibling(to, side))) {
        throw new SourceException(
            Reason.TARGET_EXISTS, "cannot move " + from + " to " + to + ": " + sibling(to, side) + " exists");
      }
    }
    for (String side : concat("", SIDE_FILES)) {
      Path source = sibling(from, side);
      if (Files.exists(source)) {
        atomicMove(source, sibling(to, side));
      }
    }
  }

  static void delete(Path path) throws IOException {
    for (String side : concat("", SIDE_FILES)) {
      Files.deleteIfExists(sibling(path, side));
    }
  }

  /** Renames within one directory atomically, then makes the rename durable. */
  static void atomicMove(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot move " + from + " to " + to + " atomically", e);
    }
    syncDirectory(to.toAbsolutePath().getParent());
  }

  static void syncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static Path sibling(Path path, String side) {
    return side.isEmpty() ? path : path.resolveSibling(path.getFileName() + side);
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
