package io.coffer.repo.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What this process maps and holds open, read from /proc (Linux), for tests of the index's lifecycle. */
public final class Mappings {

  private Mappings() {}

  /** Mappings of files in {@code dir}, which the kernel lists as "PATH (deleted)" once deleted. */
  public static long in(Path dir) throws IOException {
    String real = dir.toRealPath() + "/";
    try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
      return maps.filter(l -> l.contains(real)).count();
    }
  }

  /** The process's open file descriptors. */
  public static long descriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  public static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
