package io.coffer.source.mariadb;

import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the client tools: mariadb-dump (else mysqldump) and mariadb (else mysql). */
final class MyTools {

  private final List<Path> searchPath;

  MyTools(List<Path> searchPath) {
    this.searchPath = List.copyOf(searchPath);
  }

  static MyTools standard() {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    return new MyTools(dirs);
  }

  Path dump() throws SourceException {
    return find("mariadb-dump", "mysqldump");
  }

  Path client() throws SourceException {
    return find("mariadb", "mysql");
  }

  /** The dump tool's version line, e.g. {@code mariadb-dump 10.19 Distrib 10.11.19-MariaDB}. */
  String dumpVersion() throws IOException {
    return version(dump());
  }

  /** The client's version line, e.g. {@code mariadb Ver 15.1 Distrib 10.11.19-MariaDB}. */
  String clientVersion() throws IOException {
    return version(client());
  }

  private static String version(Path tool) throws IOException {
    String out = ChildProcess.capture(new Command(tool.getFileName() + " --version", List.of(tool.toString(), "--version")));
    return out.strip().replaceAll("\\s+", " ").replaceAll(",? for .*", "");
  }

  private Path find(String preferred, String fallback) throws SourceException {
    for (String name : List.of(preferred, fallback)) {
      for (Path dir : searchPath) {
        Path candidate = dir.resolve(name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new SourceException(
        Reason.TOOL_NOT_FOUND, "neither " + preferred + " nor " + fallback + " found on " + searchPath);
  }
}
