package io.coffer.source.postgres;

import io.coffer.source.BackupReport;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.Versions;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds pg_dump, psql and pg_restore. pg_dump must be at least the server's major version (an older one refuses
 * or misreads a newer catalog), and psql must be at least as new as the pg_dump that wrote a script
 * (current pg_dump writes {@code \restrict} lines that older psql does not know). Among the fitting
 * installations the oldest is chosen, being the closest to the server.
 */
final class PgTools {

  private final List<Path> searchPath;
  private List<PgInstallation> found;

  /** Searches the given directories, in order. */
  PgTools(List<Path> searchPath) {
    this.searchPath = List.copyOf(searchPath);
  }

  /**
   * Searches the Debian and RPM install locations, then PATH. The versioned directories come first
   * because Debian's /usr/bin/pg_dump is a wrapper whose choice depends on local cluster settings.
   */
  static PgTools standard() {
    List<Path> dirs = new ArrayList<>();
    dirs.addAll(versioned(Path.of("/usr/lib/postgresql"), "", "bin"));
    dirs.addAll(versioned(Path.of("/usr"), "pgsql-", "bin"));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    return new PgTools(dirs);
  }

  /**
   * Starts looking for the installations on a thread of its own, unless they were found already: each
   * is asked for its version by running its pg_dump (about 0.015 s), which a backup otherwise waited
   * for on its leader between the snapshot's export and its first question. Whoever asks next waits
   * for this search instead of starting one; a search that failed is tried again by that caller, which
   * then reports the failure. Closing the search waits for it to end, so that a backup that fails
   * before it asks leaves no pg_dump running behind it.
   */
  Search findAhead() {
    synchronized (this) {
      if (found != null) {
        return () -> {};
      }
    }
    Thread thread = new Thread(() -> {
      try {
        installations();
      } catch (IOException | RuntimeException e) {
        // The caller's own search reports it.
      }
    }, "coffer-pg-tools");
    thread.setDaemon(true);
    thread.start();
    return () -> {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** A search started by {@link #findAhead}; {@link #close} waits for it to end. */
  interface Search extends AutoCloseable {
    @Override
    void close();
  }

  /** pg_dump for a server of the given version. */
  PgInstallation forServer(String serverVersion) throws IOException {
    return pick(
        i -> Versions.compare(i.version(), serverVersion, 1) >= 0,
        "pg_dump of major version >= " + Versions.numbers(serverVersion).get(0)
            + " (the server runs " + serverVersion + ")");
  }

  /**
   * The server programs (postgres, pg_ctl) of exactly the major version of {@code serverVersion}: a
   * data directory starts only under the major version that wrote it.
   */
  PgInstallation serverPrograms(String serverVersion) throws IOException {
    int major = Versions.numbers(serverVersion).get(0);
    return pick(
        i -> Versions.numbers(i.version()).get(0) == major && Files.isExecutable(i.bin().resolve("postgres"))
            && Files.isExecutable(i.bin().resolve("pg_ctl")),
        "postgres and pg_ctl of major version " + major + " (the data directory was written by " + serverVersion + ")");
  }

  /** psql that can run scripts written by the given pg_dump version. */
  PgInstallation forScripts(String dumpVersion) throws IOException {
    return pick(
        i -> fitsScripts(i, dumpVersion),
        "psql of version >= " + dumpVersion + " (the backup was written by pg_dump " + dumpVersion + ")");
  }

  /**
   * The client tools that restore {@code backup}: psql for its scripts and, when its post-data is a
   * pg_dump archive, pg_restore beside it. Checked while planning, so a machine without pg_restore
   * is told before anything is created rather than after the tables are loaded.
   */
  PgInstallation forRestoring(BackupReport backup) throws IOException {
    String dumpVersion = Versions.dotted(backup.toolVersion());
    if (!hasArchives(backup)) {
      return forScripts(dumpVersion);
    }
    return pick(
        i -> fitsScripts(i, dumpVersion) && Files.isExecutable(i.pgRestore()),
        "psql and pg_restore of version >= " + dumpVersion + " (the backup was written by pg_dump " + dumpVersion
            + " and keeps its indexes and constraints as a pg_dump archive)");
  }

  /** The programs a restore of {@code backup} runs from {@code installation}, with their version. */
  static List<String> restoreTools(BackupReport backup, PgInstallation installation) {
    List<String> used = new ArrayList<>();
    used.add("psql " + installation.version());
    if (hasArchives(backup)) {
      used.add("pg_restore " + installation.version());
    }
    return used;
  }

  private static boolean hasArchives(BackupReport backup) {
    return backup.members().stream().anyMatch(m -> m.streams().contains(PgLayout.postDataArchive(m.database())));
  }

  private static boolean fitsScripts(PgInstallation i, String dumpVersion) {
    return Versions.compare(i.version(), dumpVersion, 2) >= 0;
  }

  private PgInstallation pick(java.util.function.Predicate<PgInstallation> fits, String wanted)
      throws IOException {
    List<PgInstallation> all = installations();
    Optional<PgInstallation> best =
        all.stream()
            .filter(fits)
            .min(Comparator.comparing((PgInstallation i) -> Versions.numbers(i.version()).get(0))
                .thenComparing(i -> -minor(i)));
    if (best.isEmpty()) {
      String seen =
          all.isEmpty()
              ? "none found"
              : all.stream().map(i -> i.version() + " in " + i.bin()).collect(Collectors.joining(", "));
      throw new SourceException(
          Reason.TOOL_NOT_FOUND,
          "no " + wanted + " on PATH or under /usr/lib/postgresql/<version>/bin; installed: " + seen);
    }
    return best.get();
  }

  private static int minor(PgInstallation i) {
    List<Integer> n = Versions.numbers(i.version());
    return n.size() > 1 ? n.get(1) : 0;
  }

  private synchronized List<PgInstallation> installations() throws IOException {
    if (found == null) {
      List<PgInstallation> list = new ArrayList<>();
      Set<Path> seen = new LinkedHashSet<>();
      for (Path dir : searchPath) {
        Path pgDump = dir.resolve("pg_dump");
        if (!Files.isExecutable(pgDump) || !Files.isExecutable(dir.resolve("psql"))) {
          continue;
        }
        Path real = pgDump.toRealPath();
        if (!seen.add(real)) {
          continue;
        }
        // Debian's /usr/bin/pg_dump is postgresql-common's pg_wrapper, which runs one of the
        // /usr/lib/postgresql/<version>/bin installations searched before it: asking it for its version
        // again cost a Perl start (about 0.1 s) in every backup and restore.
        if (!list.isEmpty() && real.getFileName().toString().equals("pg_wrapper")) {
          continue;
        }
        String out =
            ChildProcess.capture(new Command("pg_dump --version", List.of(pgDump.toString(), "--version")));
        String version = Versions.dotted(out);
        if (!version.isEmpty()) {
          list.add(new PgInstallation(dir, version));
        }
      }
      found = list;
    }
    return found;
  }

  private static List<Path> versioned(Path parent, String prefix, String bin) {
    List<Path> dirs = new ArrayList<>();
    if (!Files.isDirectory(parent)) {
      return dirs;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(parent, prefix + "*")) {
      for (Path child : children) {
        if (Files.isDirectory(child.resolve(bin))) {
          dirs.add(child.resolve(bin));
        }
      }
    } catch (IOException e) {
      return dirs;
    }
    dirs.sort(null);
    return dirs;
  }
}
