package io.coffer.source.mariadb;

import io.coffer.model.Host;
import io.coffer.source.PhysicalChain;
import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRestored;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceListener;
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
 *
 * <p>An increment restores on its chain: each increment is extracted into a scratch directory
 * beside the target (before the full copy, so that a chain whose data cannot be read writes nothing
 * into the target), the full copy into the target, then {@code --prepare} of the full copy and
 * {@code --prepare --incremental-dir} of each increment in order (10.11 refuses the
 * {@code --apply-log-only} older versions needed between them). The scratch directories are removed
 * whatever happens. The chain is checked before anything is written: each increment must start at
 * the LSN its predecessor ended at.
 */
final class MyBaseRestore {

  private final PhysicalChain chain;
  private final MyTools tools;

  MyBaseRestore(PhysicalChain chain, MyTools tools) {
    this.chain = chain;
    this.tools = tools;
  }

  PhysicalRestored run(Path target, SourceListener listener) throws IOException {
    if (Files.exists(target) && !isEmptyDirectory(target)) {
      throw new SourceException(Reason.TARGET_EXISTS, "restore target " + target + " is not empty; restore into a new"
          + " or empty directory");
    }
    requireUnbroken(chain);
    PhysicalReport backup = chain.last().report();
    List<Path> scratch = new ArrayList<>();
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      for (PhysicalChain.Link increment : chain.increments()) {
        Path dir = Files.createTempDirectory(target.toAbsolutePath().getParent(), target.getFileName() + ".increment-");
        scratch.add(dir);
        extract(increment, dir);
      }
      Files.createDirectories(target);
      extract(chain.full(), target);
      listener.info("extracted " + chain.full().label() + " into " + target + (scratch.isEmpty() ? ""
          : " and its " + scratch.size() + " increments beside it") + "; mariadb-backup --prepare replays its redo log");
      prepare(target, null, chain.full().label());
      for (int i = 0; i < scratch.size(); i++) {
        PhysicalChain.Link increment = chain.increments().get(i);
        listener.info("mariadb-backup --prepare applies increment " + increment.label() + " (to LSN "
            + increment.report().stop() + ")");
        prepare(target, scratch.get(i), increment.label());
      }
    } finally {
      for (Path dir : scratch) {
        MyBaseBackup.remove(dir);
      }
    }
    String owner = backup.detail("data_directory_owner");
    List<String> notes = new ArrayList<>();
    notes.add("prepared: consistent as of InnoDB LSN " + backup.stop() + "; the server starts on it without recovery");
    if (!chain.increments().isEmpty()) {
      notes.add("restored on its chain: " + String.join(", then ", chain.backups().stream()
          .map(PhysicalChain.Link::label).toList()));
    }
    if (owner != null && Host.runsAsRoot()) {
      giveTo(target, owner, notes);
    }
    notes.add("the configuration (my.cnf) is not part of the backup: start with the original's, pointing datadir"
        + " at " + target);
    return new PhysicalRestored(target, "mariadbd --datadir=" + target + " --port=PORT" + (owner == null ? ""
        : " --user=" + owner), notes);
  }

  /** Each increment must start where its predecessor ended, or the prepared directory would be wrong. */
  private static void requireUnbroken(PhysicalChain chain) throws SourceException {
    PhysicalChain.Link previous = chain.full();
    if (previous.report().baseManifest().isPresent()) {
      throw new SourceException(Reason.INVALID_REQUEST, "the chain of " + chain.last().label() + " starts with "
          + previous.label() + ", which is an increment itself: its full copy is missing; nothing was written");
    }
    for (PhysicalChain.Link increment : chain.increments()) {
      String from = increment.report().detail(MyBaseBackup.FROM_LSN);
      long expected = MyBaseBackup.toLsn(previous.report());
      if (from == null || expected < 0 || !from.strip().equals(Long.toString(expected))) {
        throw new SourceException(Reason.INVALID_REQUEST, "the chain of " + chain.last().label() + " is broken: "
            + increment.label() + " starts at InnoDB LSN " + from + ", but " + previous.label() + " before it ends at "
            + (expected < 0 ? "no recorded LSN" : Long.toString(expected)) + "; nothing was written");
      }
      previous = increment;
    }
  }

  private void extract(PhysicalChain.Link backup, Path into) throws IOException {
    try (InputStream in = backup.streams().open(MyBaseBackup.STREAM)) {
      ChildProcess.run(new Command("mbstream -x of " + backup.label() + " into " + into, List.of(
          tools.stream().toString(), "-x", "-C", into.toString())), in, null, new Cancellation());
    }
  }

  private void prepare(Path target, Path increment, String label) throws IOException {
    List<String> argv = new ArrayList<>(List.of(tools.backup().toString(), "--prepare", "--target-dir=" + target));
    if (increment != null) {
      argv.add("--incremental-dir=" + increment);
    }
    ChildProcess.run(new Command("mariadb-backup --prepare of " + label + " in " + target, argv), null, null,
        new Cancellation());
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
