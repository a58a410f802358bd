package io.coffer.source.quiesce;

import io.coffer.source.SourceException;
import io.coffer.source.process.Cancellation;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lvm} (seed 001): checks the volume group has room for the snapshot before touching anything,
 * {@code lvcreate -s -L SIZE -n NAME VG/LV}, mounts the snapshot read-only ({@code nouuid} for XFS,
 * which refuses a second mount of the same filesystem uuid otherwise), reads the data directory
 * there, then unmounts and {@code lvremove -f}. Every step that ran is undone when a later one fails.
 */
final class LvmSnapshot implements Quiesce {

  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([KMGT]?)", Pattern.CASE_INSENSITIVE);
  private final Path dataDirectory;
  private final String volumeGroup;
  private final String logicalVolume;
  private final String size;
  private final long sizeBytes;
  private final Path mountDirectory;
  private final Path filesystemRoot;
  private final Duration timeout;
  private final Tools tools;

  private LvmSnapshot(Path dataDirectory, String volumeGroup, String logicalVolume, String size, long sizeBytes,
      Path mountDirectory, Path filesystemRoot, Duration timeout, Tools tools) {
    this.dataDirectory = dataDirectory;
    this.volumeGroup = volumeGroup;
    this.logicalVolume = logicalVolume;
    this.size = size;
    this.sizeBytes = sizeBytes;
    this.mountDirectory = mountDirectory;
    this.filesystemRoot = filesystemRoot;
    this.timeout = timeout;
    this.tools = tools;
  }

  static LvmSnapshot of(Path dataDirectory, QuiesceOptions options, Tools tools) {
    String vg = name(options, "volume-group", options.required("volume-group", "the LVM volume group (vg_data)"));
    String lv = name(options, "logical-volume", options.required("logical-volume",
        "the logical volume holding the data directory (lv_data)"));
    String size = options.required("snapshot-size", "the snapshot's size for changes while it lives (10G)");
    Matcher m = SIZE.matcher(size);
    if (!m.matches()) {
      throw new InvalidQuiesceOption("snapshot-size", size, "a size such as 512M, 10G or 1T");
    }
    int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "K" -> 10;
      case "M", "" -> 20;
      case "G" -> 30;
      default -> 40;
    };
    long bytes = Long.parseLong(m.group(1)) << shift;
    Path mounts = options.path("mount-directory", Path.of("/run/coffer/lvm"));
    Path root = options.path("filesystem-root", null);
    Duration timeout = options.duration("timeout", QuiesceMethods.DEFAULT_TIMEOUT);
    return new LvmSnapshot(dataDirectory.toAbsolutePath().normalize(), vg, lv, m.group(1) + (m.group(2).isEmpty()
        ? "M" : m.group(2).toUpperCase(Locale.ROOT)), bytes, mounts, root, timeout, tools);
  }

  private static String name(QuiesceOptions options, String key, String value) {
    if (!value.matches("[A-Za-z0-9+_.][A-Za-z0-9+_.-]*")) {
      throw new InvalidQuiesceOption(key, value, "an LVM name: letters, digits and + _ . -");
    }
    return value;
  }

  @Override
  public String method() {
    return "lvm";
  }

  @Override
  public List<String> recover() throws IOException {
    List<String> done = new ArrayList<>();
    String names = tools.run("lvs", timeout, new Cancellation(), "lvs", "--noheadings", "-o", "lv_name", volumeGroup);
    for (String line : names.split("\n")) {
      String name = line.strip();
      if (SnapshotName.isLeftover(name)) {
        Path mount = mountDirectory.resolve(name);
        if (Files.isDirectory(mount)) {
          try {
            tools.run("umount", timeout, new Cancellation(), "umount", mount.toString());
            done.add("unmounted " + mount + ", left mounted by a backup that was killed");
          } catch (SourceException notMounted) {
            // Already unmounted: only the directory and the volume are left.
          }
          Files.deleteIfExists(mount);
        }
        tools.run("lvremove", timeout, new Cancellation(), "lvremove", "-f", volumeGroup + "/" + name);
        done.add("removed LVM snapshot " + volumeGroup + "/" + name + ", left by a backup that was killed");
      }
    }
    return done;
  }

  @Override
  public Hold hold(Cancellation cancellation) throws IOException {
    Path root = filesystemRoot != null ? filesystemRoot : filesystemRoot(dataDirectory);
    if (!dataDirectory.startsWith(root)) {
      throw new SourceException(SourceException.Reason.INVALID_REQUEST, "data directory " + dataDirectory
          + " is not below quiesce option filesystem-root " + root);
    }
    long free = free(cancellation);
    if (free < sizeBytes) {
      throw new SourceException(SourceException.Reason.INVALID_REQUEST, "volume group " + volumeGroup + " has "
          + free + " bytes free, the snapshot needs " + sizeBytes + " (quiesce option snapshot-size " + size
          + "); nothing was created");
    }
    String name = SnapshotName.next();
    String snapshot = volumeGroup + "/" + name;
    Instant since = Instant.now();
    List<String> log = new ArrayList<>();
    tools.run("lvcreate", timeout, cancellation, "lvcreate", "-s", "-L", size, "-n", name,
        volumeGroup + "/" + logicalVolume);
    log.add("LVM snapshot " + snapshot + " of " + volumeGroup + "/" + logicalVolume + " (" + size + ")");
    Path mount = mountDirectory.resolve(name);
    try {
      Files.createDirectories(mount);
      String options = Files.getFileStore(dataDirectory).type().equals("xfs") ? "ro,nouuid" : "ro";
      tools.run("mount", timeout, cancellation, "mount", "-o", options, "/dev/" + snapshot, mount.toString());
      log.add("mounted " + "/dev/" + snapshot + " on " + mount + " (" + options + ")");
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(mount);
        remove(snapshot, new ArrayList<>());
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return new Hold(method(), mount.resolve(root.relativize(dataDirectory).toString()), since, false, log, l -> {
      IOException first = null;
      try {
        tools.run("umount", timeout, new Cancellation(), "umount", mount.toString());
        Files.deleteIfExists(mount);
        l.add("unmounted " + mount);
      } catch (IOException e) {
        first = e;
      }
      try {
        remove(snapshot, l);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
      if (first != null) {
        throw first;
      }
    });
  }

  private void remove(String snapshot, List<String> log) throws IOException {
    tools.run("lvremove", timeout, new Cancellation(), "lvremove", "-f", snapshot);
    log.add("removed LVM snapshot " + snapshot);
  }

  private long free(Cancellation cancellation) throws IOException {
    String out = tools.run("vgs", timeout, cancellation, "vgs", "--noheadings", "--nosuffix", "--units", "b", "-o",
        "vg_free", volumeGroup).strip();
    try {
      return Long.parseLong(out);
    } catch (NumberFormatException e) {
      throw new SourceException(SourceException.Reason.CHILD_FAILED, "vgs printed '" + out + "' for the free space"
          + " of volume group " + volumeGroup + ", not a number of bytes");
    }
  }

  /** The mount point of the filesystem holding {@code dir}: the highest ancestor on the same store. */
  private static Path filesystemRoot(Path dir) throws IOException {
    FileStore store = Files.getFileStore(dir);
    Path root = dir;
    for (Path p = dir.getParent(); p != null && Files.getFileStore(p).equals(store); p = p.getParent()) {
      root = p;
    }
    return root;
  }
}
