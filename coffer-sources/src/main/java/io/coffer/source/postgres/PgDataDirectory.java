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
   * {@code systemIdentifier}, and it has no tablespace outside itself (which a copy of it would miss).
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
    List<String> external = externalTablespaces();
    if (!external.isEmpty()) {
      throw new SourceException(Reason.INVALID_REQUEST, "PHYSICAL backups of " + server + " cannot copy tablespaces"
          + " outside the data directory yet: " + String.join(", ", external) + "; back these databases up with kind"
          + " CLUSTER or FULL");
    }
  }

  /** The bytes a copy reads, for the progress bar; unreadable parts count 0. */
  long size() {
    long[] total = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
          return !d.equals(dir) && leaveOut(relative(d)) ? FileVisitResult.SKIP_SUBTREE
              : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
          if (a.isRegularFile() && !leaveOut(relative(f))) {
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

  private String relative(Path p) {
    return dir.relativize(p).toString().replace('\\', '/');
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

  private List<String> externalTablespaces() throws IOException {
    List<String> out = new ArrayList<>();
    Path tblspc = dir.resolve("pg_tblspc");
    if (!Files.isDirectory(tblspc)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(tblspc)) {
      for (Path p : s) {
        if (Files.isSymbolicLink(p)) {
          out.add("pg_tblspc/" + p.getFileName() + " -> " + Files.readSymbolicLink(p));
        } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add("pg_tblspc/" + p.getFileName() + " (not a directory)");
        }
      }
    }
    return out;
  }
}
