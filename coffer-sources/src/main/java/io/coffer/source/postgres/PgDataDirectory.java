package io.coffer.source.postgres;

import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A PostgreSQL data directory on this host, as a PHYSICAL backup reads it: checked to be the running
 * server's own, and what of it a copy leaves out. The leave-out list is the one pg_basebackup uses
 * (PostgreSQL's basebackup.c): the server rebuilds these on start, and copying them would only
 * restore stale state (a pid file, shared-memory segments, temporary files). {@code pg_wal} is left
 * out whole: the WAL a copy needs is stored beside the tree, and a restore makes a fresh directory
 * (so a symlinked {@code pg_wal} never points a restored copy at the original's WAL).
 */
final class PgDataDirectory {

  /** Directories whose contents are left out; the directories themselves are kept (the server expects them). */
  private static final Set<String> EMPTIED = Set.of("pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots",
      "pg_stat_tmp", "pg_subtrans", "pg_replslot");
  private static final Set<String> TOP_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
      "tablespace_map", "backup_label.old", "tablespace_map.old", "postgresql.auto.conf.tmp", "current_logfiles.tmp",
      "pg_wal");

  private final Path dir;

  PgDataDirectory(Path dir) {
    this.dir = dir;
  }

  Path path() {
    return dir;
  }

  /** Whether a copy leaves out {@code path} (relative, {@code /} between names). */
  static boolean leaveOut(String path) {
    int slash = path.indexOf('/');
    if (slash < 0 && TOP_FILES.contains(path)) {
      return true;
    }
    if (slash > 0 && EMPTIED.contains(path.substring(0, slash))) {
      return true;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.startsWith("pgsql_tmp") || name.startsWith("pg_internal.init");
  }

  /**
   * Fails unless this is the data directory of the server whose {@code pg_control_system()} reports
   * {@code systemIdentifier}.
   */
  void requireServersOwn(long systemIdentifier, String server) throws IOException {
    if (!Files.isRegularFile(dir.resolve("PG_VERSION"))) {
      throw new SourceException(Reason.INVALID_REQUEST, "data directory " + dir + " of " + server
          + " is not a PostgreSQL data directory on this host (no PG_VERSION): a PHYSICAL backup reads the files,"
          + " so it must run on the server's host, with --data-directory where the server reports another path");
    }
    long found = systemIdentifier(dir.resolve("global/pg_control"));
    if (found != systemIdentifier) {
      throw new SourceException(Reason.INVALID_REQUEST, "data directory " + dir + " belongs to another cluster"
          + " (system identifier " + Long.toUnsignedString(found) + ") than " + server + " ("
          + Long.toUnsignedString(systemIdentifier) + ")");
    }
  }

  /** The bytes a copy reads, for the progress bar; unreadable parts count 0. */
  long size() {
    return size(dir, PgDataDirectory::leaveOut);
  }

  /** The bytes of the files below {@code top} that {@code leaveOut} does not name; unreadable parts count 0. */
  static long size(Path top, Predicate<String> leaveOut) {
    long[] total = {0};
    try {
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
          return !d.equals(top) && leaveOut.test(relative(top, d)) ? FileVisitResult.SKIP_SUBTREE
              : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
          if (a.isRegularFile() && !leaveOut.test(relative(top, f))) {
            total[0] += a.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      return -1;
    }
    return total[0];
  }

  private static String relative(Path top, Path p) {
    return top.relativize(p).toString().replace('\\', '/');
  }

  /** pg_control starts with the system identifier, a 64-bit integer in the host's byte order. */
  static long systemIdentifier(Path pgControl) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(pgControl)) {
      head = in.readNBytes(8);
    }
    if (head.length < 8) {
      throw new SourceException(Reason.INVALID_REQUEST, pgControl + " is shorter than 8 bytes: not a pg_control file");
    }
    return ByteBuffer.wrap(head).order(ByteOrder.nativeOrder()).getLong();
  }

  /**
   * The tablespaces outside the data directory: each {@code pg_tblspc/<oid>} symlink and the
   * directory it points to. In-place tablespaces (directories in {@code pg_tblspc}) are part of the
   * data directory's tree. Anything else there, and a tablespace inside the data directory (which
   * PostgreSQL warns against, and a copy would hold twice), is refused before the backup starts.
   */
  List<Tablespace> tablespaces(String server) throws IOException {
    List<Tablespace> out = new ArrayList<>();
    Path tblspc = dir.resolve("pg_tblspc");
    if (!Files.isDirectory(tblspc)) {
      return out;
    }
    Path home = dir.toRealPath();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(tblspc)) {
      for (Path p : s) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String link = "pg_tblspc/" + p.getFileName();
        if (!Files.isSymbolicLink(p) || !Files.isDirectory(p)) {
          throw new SourceException(Reason.INVALID_REQUEST, link + " in the data directory of " + server + " is neither"
              + " a directory nor a symlink to one: not a tablespace a PHYSICAL backup can copy");
        }
        Path location = p.toRealPath();
        if (location.startsWith(home)) {
          throw new SourceException(Reason.INVALID_REQUEST, "tablespace " + link + " of " + server + " lies inside the"
              + " data directory (" + location + "), which a copy would hold twice; move it out (ALTER TABLE ... SET"
              + " TABLESPACE) or back the databases up with kind CLUSTER or FULL");
        }
        out.add(new Tablespace(p.getFileName().toString(), link, location));
      }
    }
    out.sort(java.util.Comparator.comparing(Tablespace::link));
    return out;
  }

  /**
   * A tablespace outside the data directory.
   *
   * @param oid its OID, the symlink's name
   * @param link the symlink's path in the data directory
   * @param location where the symlink points, resolved
   */
  record Tablespace(String oid, String link, Path location) {

    /**
     * What a copy of the tablespace leaves out: every top-level directory but this server's own
     * ({@code PG_<major>_<catalog version>}; another cluster or an old major version may share the
     * location, as pg_basebackup assumes too), and temporary files.
     */
    Predicate<String> leaveOut(String versionDirectory) {
      return path -> {
        int slash = path.indexOf('/');
        String top = slash < 0 ? path : path.substring(0, slash);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return !top.equals(versionDirectory) || name.startsWith("pgsql_tmp");
      };
    }
  }
}
