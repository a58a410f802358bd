package io.coffer.source.quiesce;

import io.coffer.source.SourceException;
import io.coffer.source.process.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code btrfs}: a read-only snapshot of the subvolume holding the data directory ({@code btrfs
 * subvolume snapshot -r}), read while the database keeps running, then deleted. The snapshot is
 * atomic, so the copy is what a power cut would have left: a database that survives a crash
 * (PostgreSQL, SQLite in WAL or rollback mode, InnoDB) recovers from it.
 *
 * <p>Snapshots go to {@code snapshot-directory} (default: {@code .coffer-snapshots} beside the
 * subvolume), which must be on the same btrfs filesystem and outside the data directory.
 */
final class BtrfsSnapshot implements Quiesce {

  /** The inode number of every btrfs subvolume's root directory. */
  private static final long SUBVOLUME_ROOT_INODE = 256;
  private final Path dataDirectory;
  private final Path configuredSnapshots;
  private final Duration timeout;
  private final Tools tools;

  BtrfsSnapshot(Path dataDirectory, Path snapshotDirectory, Duration timeout, Tools tools) {
    this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
    this.configuredSnapshots = snapshotDirectory;
    this.timeout = timeout;
    this.tools = tools;
  }

  @Override
  public String method() {
    return "btrfs";
  }

  @Override
  public List<String> recover() throws IOException {
    Path dir = snapshots(subvolume());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> done = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        if (SnapshotName.isLeftover(p.getFileName().toString())) {
          delete(p);
          done.add("removed btrfs snapshot " + p + ", left by a backup that was killed");
        }
      }
    }
    return done;
  }

  @Override
  public Hold hold(Cancellation cancellation) throws IOException {
    Path subvolume = subvolume();
    Path dir = snapshots(subvolume);
    Files.createDirectories(dir);
    Path snapshot = dir.resolve(SnapshotName.next());
    Instant since = Instant.now();
    try {
      tools.run("btrfs subvolume snapshot", timeout, cancellation, "btrfs", "subvolume", "snapshot", "-r",
          subvolume.toString(), snapshot.toString());
    } catch (IOException e) {
      if (Files.exists(snapshot, LinkOption.NOFOLLOW_LINKS)) {
        delete(snapshot);
      }
      throw e;
    }
    List<String> log = List.of("read-only btrfs snapshot " + snapshot + " of subvolume " + subvolume);
    return new Hold(method(), snapshot.resolve(subvolume.relativize(dataDirectory).toString()), since, false, log,
        l -> {
          delete(snapshot);
          l.add("deleted btrfs snapshot " + snapshot);
        });
  }

  private void delete(Path snapshot) throws IOException {
    tools.run("btrfs subvolume delete", timeout, new Cancellation(), "btrfs", "subvolume", "delete",
        snapshot.toString());
  }

  /** The root of the subvolume holding the data directory: the nearest ancestor with inode 256. */
  private Path subvolume() throws IOException {
    if (!Files.isDirectory(dataDirectory)) {
      throw new SourceException(SourceException.Reason.INVALID_REQUEST, "data directory " + dataDirectory
          + " does not exist");
    }
    String type = Files.getFileStore(dataDirectory).type();
    if (!type.equals("btrfs")) {
      throw new SourceException(SourceException.Reason.INVALID_REQUEST, "quiesce method btrfs needs the data"
          + " directory on btrfs; " + dataDirectory + " is on " + type);
    }
    for (Path p = dataDirectory; p != null; p = p.getParent()) {
      if (((Long) Files.getAttribute(p, "unix:ino")) == SUBVOLUME_ROOT_INODE) {
        return p;
      }
    }
    throw new SourceException(SourceException.Reason.INVALID_REQUEST, "no btrfs subvolume holds " + dataDirectory);
  }

  private Path snapshots(Path subvolume) throws IOException {
    if (configuredSnapshots != null) {
      return configuredSnapshots;
    }
    Path parent = subvolume.getParent();
    if (parent == null || !Files.getFileStore(parent).type().equals("btrfs")) {
      throw new SourceException(SourceException.Reason.INVALID_REQUEST, "the btrfs subvolume " + subvolume
          + " is the top of its filesystem; set quiesce option snapshot-directory to a directory on the same"
          + " filesystem outside the data directory");
    }
    return parent.resolve(".coffer-snapshots");
  }
}
