package io.coffer.source.quiesce;

import io.coffer.source.SourceException;
import io.coffer.source.process.Cancellation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code zfs} (seed 000): {@code zfs snapshot DATASET@NAME}, the data directory read through the
 * dataset's {@code .zfs/snapshot/NAME}, then {@code zfs destroy}. A ZFS snapshot is atomic, like
 * btrfs's: the copy is what a power cut would have left.
 */
final class ZfsSnapshot implements Quiesce {

  private final Path dataDirectory;
  private final String dataset;
  private final Duration timeout;
  private final Tools tools;

  ZfsSnapshot(Path dataDirectory, String dataset, Duration timeout, Tools tools) {
    if (!dataset.matches("[A-Za-z0-9][A-Za-z0-9_.:/-]*")) {
      throw new InvalidQuiesceOption("dataset", dataset, "a ZFS dataset name such as tank/pgdata");
    }
    this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
    this.dataset = dataset;
    this.timeout = timeout;
    this.tools = tools;
  }

  @Override
  public String method() {
    return "zfs";
  }

  @Override
  public List<String> recover() throws IOException {
    List<String> done = new ArrayList<>();
    String out = tools.run("zfs list", timeout, new Cancellation(), "zfs", "list", "-H", "-t", "snapshot", "-o",
        "name", "-d", "1", dataset);
    for (String line : out.split("\n")) {
      String full = line.strip();
      int at = full.indexOf('@');
      if (at > 0 && full.substring(0, at).equals(dataset) && SnapshotName.isLeftover(full.substring(at + 1))) {
        destroy(full);
        done.add("destroyed ZFS snapshot " + full + ", left by a backup that was killed");
      }
    }
    return done;
  }

  @Override
  public Hold hold(Cancellation cancellation) throws IOException {
    String mountpoint = tools.run("zfs get", timeout, cancellation, "zfs", "get", "-H", "-o", "value", "mountpoint",
        dataset).strip();
    Path root = Path.of(mountpoint);
    if (!root.isAbsolute() || !dataDirectory.startsWith(root)) {
      throw new SourceException(SourceException.Reason.INVALID_REQUEST, "data directory " + dataDirectory
          + " is not below the mountpoint of ZFS dataset " + dataset + " ('" + mountpoint + "')");
    }
    String name = SnapshotName.next();
    String snapshot = dataset + "@" + name;
    Instant since = Instant.now();
    tools.run("zfs snapshot", timeout, cancellation, "zfs", "snapshot", snapshot);
    List<String> log = List.of("ZFS snapshot " + snapshot);
    Path dir = root.resolve(".zfs/snapshot").resolve(name).resolve(root.relativize(dataDirectory).toString());
    return new Hold(method(), dir, since, false, log, l -> {
      destroy(snapshot);
      l.add("destroyed ZFS snapshot " + snapshot);
    });
  }

  private void destroy(String snapshot) throws IOException {
    tools.run("zfs destroy", timeout, new Cancellation(), "zfs", "destroy", snapshot);
  }
}
