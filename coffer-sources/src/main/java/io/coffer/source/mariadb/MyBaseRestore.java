package io.coffer.source.mariadb;

import io.coffer.model.Host;
import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRestored;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSource;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes a MariaDB data directory of a PHYSICAL backup: the xbstream extracted into the target with
 * {@code mbstream -x}, then {@code mariadb-backup --prepare}, which replays the redo log copied with
 * the files so that the directory is consistent as of the backup's end and a server starts on it
 * without recovery. Run as root, the files are then given to the original data directory's owner
 * (mariadbd runs as that user).
 */
final class MyBaseRestore {

  private final PhysicalReport backup;
  private final MyTools tools;

  MyBaseRestore(PhysicalReport backup, MyTools tools) {
    this.backup = backup;
    this.tools = tools;
  }

  PhysicalRestored run(StreamSource streams, Path target, SourceListener listener) throws IOException {
    if (Files.exists(target) && !isEmptyDirectory(target)) {
      throw new SourceException(Reason.TARGET_EXISTS, "restore target " + target + " is not empty; restore into a new"
          + " or empty directory");
    }
    Files.createDirectories(target);
    try (InputStream in = streams.open(MyBaseBackup.STREAM)) {
      ChildProcess.run(new Command("mbstream -x into " + target, List.of(tools.stream().toString(), "-x", "-C",
          target.toString())), in, null, new Cancellation());
    }
    listener.info("extracted the backup into " + target + "; mariadb-backup --prepare replays its redo log");
    ChildProcess.run(new Command("mariadb-backup --prepare of " + target, List.of(tools.backup().toString(),
        "--prepare", "--target-dir=" + target)), null, null, new Cancellation());
    String owner = backup.detail("data_directory_owner");
    List<String> notes = new ArrayList<>();
    notes.add("prepared: consistent as of InnoDB LSN " + backup.stop() + "; the server starts on it without recovery");
    if (owner != null && Host.runsAsRoot()) {
      giveTo(target, owner, notes);
    }
    notes.add("the configuration (my.cnf) is not part of the backup: start with the original's, pointing datadir"
        + " at " + target);
    return new PhysicalRestored(target, "mariadbd --datadir=" + target + " --port=PORT" + (owner == null ? ""
        : " --user=" + owner), notes);
  }

  /** Gives every file to {@code owner} (and its group); an owner this host lacks is noted, not fatal. */
  private static void giveTo(Path target, String owner, List<String> notes) throws IOException {
    UserPrincipalLookupService users = target.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user;
    GroupPrincipal group;
    try {
      user = users.lookupPrincipalByName(owner);
      group = users.lookupPrincipalByGroupName(owner);
    } catch (UserPrincipalNotFoundException e) {
      notes.add("the original owner " + owner + " does not exist here: the files belong to root");
      return;
    }
    try (Stream<Path> files = Files.walk(target)) {
      for (Path p : files.toList()) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
            LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        view.setGroup(group);
      }
    }
    notes.add("owned by " + owner + ", as the original data directory");
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
