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

  /** mariadb-backup (Debian's package {@code mariadb-backup}), else its older name mariabackup. */
  Path backup() throws SourceException {
    return find("mariadb-backup", "mariabackup");
  }

  /** mbstream, which extracts mariadb-backup's xbstream format; it comes in the same package. */
  Path stream() throws SourceException {
    return find("mbstream", "mbstream");
  }

  /** The server program, for a throwaway server on a restored copy: on PATH or in {@code /usr/sbin}. */
  Path server() throws SourceException {
    Path sbin = Path.of("/usr/sbin");
    if (searchPath.contains(sbin)) {
      return find("mariadbd", "mysqld");
    }
    List<Path> withSbin = new ArrayList<>(searchPath);
    withSbin.add(sbin);
    return new MyTools(withSbin).server();
  }

  /** mariadb-backup's version line, e.g. {@code mariadb-backup based on MariaDB server 10.11.19-MariaDB}. */
  String backupVersion() throws IOException {
    // mariadb-backup prints its version on stderr.
    Path tool = backup();
    Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new SourceException(Reason.CHILD_FAILED, tool + " --version failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException(tool + " --version was interrupted");
    }
    return out.strip().replaceAll("\\s+", " ").replaceAll(" debian-linux-gnu.*| for .*", "");
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
    throw new SourceException(Reason.TOOL_NOT_FOUND, (preferred.equals(fallback) ? preferred
        : "neither " + preferred + " nor " + fallback) + " found on " + searchPath
        + (preferred.startsWith("mariadb-backup") || preferred.equals("mbstream")
            ? " (PHYSICAL backups of MariaDB need Debian's package mariadb-backup, of the server's version)" : ""));
  }
}
