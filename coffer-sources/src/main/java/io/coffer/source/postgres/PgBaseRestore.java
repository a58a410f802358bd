package io.coffer.source.postgres;

import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRestored;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamReport;
import io.coffer.source.StreamSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Completes a restored PostgreSQL data directory: the tree is in place, with its tablespaces and the
 * {@code pg_tblspc} symlinks to where they were restored; this makes a fresh {@code pg_wal} with the
 * segments from the backup's start to its stop, and writes the backup label (not the tablespace map,
 * which would point the copy at the original's tablespaces). Started, the server then recovers from the label's checkpoint through that WAL to
 * the stop LSN — consistent — and opens as a primary of its own; no restore command or archive is
 * needed. Files written here take the owner of the data directory, as the server requires.
 */
final class PgBaseRestore {

  private static final Pattern WAL_FILE = Pattern.compile("[0-9A-F]{24}|[0-9A-F]{8}\\.history");

  private final PhysicalReport backup;

  PgBaseRestore(PhysicalReport backup) {
    this.backup = backup;
  }

  PhysicalRestored run(StreamSource source, Path target, SourceListener listener) throws IOException {
    if (!Files.isRegularFile(target.resolve("PG_VERSION"), LinkOption.NOFOLLOW_LINKS)) {
      throw new SourceException(Reason.INVALID_REQUEST, "restore target " + target + " holds no PG_VERSION: the tree '"
          + PgBaseBackup.TREE + "' of the backup must be restored into it first");
    }
    Path wal = target.resolve("pg_wal");
    if (Files.exists(wal, LinkOption.NOFOLLOW_LINKS)) {
      throw new SourceException(Reason.TARGET_EXISTS, "restore target " + target + " already has pg_wal; restore into"
          + " an empty directory");
    }
    Files.createDirectories(wal.resolve("archive_status"));
    own(target, wal, 0700);
    own(target, wal.resolve("archive_status"), 0700);
    int segments = 0;
    for (StreamReport stream : backup.streams()) {
      Path file = place(target, stream.name());
      if (stream.name().equals(PgBaseBackup.TABLESPACE_MAP)) {
        // The map names the original tablespaces' directories, and recovery would point the copy's
        // pg_tblspc symlinks back at them: the restore has made those symlinks, to the copies.
        continue;
      }
      try (InputStream in = source.open(stream.name())) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      own(target, file, 0600);
      if (stream.name().startsWith(PgBaseBackup.WAL) && !stream.name().endsWith(".history")) {
        segments++;
      }
    }
    listener.info("wrote " + segments + " WAL segments and the backup label into " + target);
    List<String> notes = new ArrayList<>();
    notes.add("on start the server replays the WAL from " + backup.start() + " to " + backup.stop()
        + ", then opens as a new primary");
    for (String key : List.of("config_file", "hba_file", "ident_file")) {
      String outside = backup.detail(key);
      if (outside != null) {
        notes.add(key + " was " + outside + ", outside the data directory: copy it in, or start with -c " + key + "=...");
      }
    }
    String owner = backup.detail("data_directory_owner");
    return new PhysicalRestored(target, (owner == null ? "" : "runuser -u " + owner + " -- ") + "pg_ctl -D " + target
        + " -o '-p PORT' start", notes);
  }

  /** The file a stream goes to; a name that would leave the target is refused. */
  private static Path place(Path target, String name) throws SourceException {
    boolean known = name.equals(PgBaseBackup.LABEL) || name.equals(PgBaseBackup.TABLESPACE_MAP)
        || name.startsWith(PgBaseBackup.WAL) && WAL_FILE.matcher(name.substring(PgBaseBackup.WAL.length())).matches();
    if (!known) {
      throw new SourceException(Reason.INVALID_REQUEST, "stream '" + name + "' of the backup is not a WAL segment, a"
          + " backup label or a tablespace map; refusing to write it into the data directory");
    }
    return target.resolve(name);
  }

  /** Gives {@code file} the data directory's owner and group, and {@code mode}. */
  private static void own(Path target, Path file, int mode) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(rwx(mode)));
    Object uid = Files.getAttribute(target, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    Object gid = Files.getAttribute(target, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    if (!uid.equals(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        || !gid.equals(Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS))) {
      Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static String rwx(int mode) {
    StringBuilder s = new StringBuilder();
    for (int shift = 6; shift >= 0; shift -= 3) {
      int bits = mode >> shift & 7;
      s.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
    }
    return s.toString();
  }
}
