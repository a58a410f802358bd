package io.coffer.engine.restore;

import io.coffer.catalog.restore.RestoreOption;
import io.coffer.catalog.restore.RestoreRefusal;
import io.coffer.catalog.restore.TablespaceMap;
import io.coffer.engine.EngineException;
import io.coffer.repo.BackupReader;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.tree.RestoreOptions;
import io.coffer.source.BackupReport;
import io.coffer.source.LinkedTree;
import io.coffer.source.PhysicalReport;
import io.coffer.source.RestoreNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a PHYSICAL backup's linked trees (PostgreSQL's tablespaces) are restored, and their restore:
 * each into a directory of its own, after the data directory's tree, then the data directory's
 * symlink made to point there. A tablespace goes where the restore is told by its name or OID, else
 * into a new sibling {@code <its directory>_<backup time>} of its original directory, as the data
 * directory does: on the original's host that is the disk it was put on, and it never lands in the
 * original's files. Each directory must be new or empty and have room, as the data directory must,
 * which the host that writes it checks.
 */
public final class LinkedTrees {

  /** A linked tree, its entry in the volume, and the directory it is restored into. */
  public record Placed(LinkedTree linked, Entry tree, Path directory) {}

  private final List<Placed> placed;

  private LinkedTrees(List<Placed> placed) {
    this.placed = List.copyOf(placed);
  }

  /**
   * Refuses a map entry that names no tablespace of the backup (by name or OID), listing those it
   * has, and one tablespace named twice (by its name and by its OID). Needs only the backup's report,
   * so a scheduled restore is checked when it is added, not only when its agent carries it out.
   */
  public static void requireKnown(long backupId, BackupReport report, TablespaceMap map) {
    PhysicalReport physical = report.physical();
    List<LinkedTree> linked = physical == null ? List.of() : physical.linkedTrees();
    Set<String> named = new HashSet<>();
    map.entries().forEach((key, directory) -> {
      LinkedTree tree = linked.stream().filter(t -> t.name().equals(key) || t.key().equals(key)).findFirst()
          .orElseThrow(() -> new RestoreRefusal(RestoreOption.TABLESPACE_MAP, key + "=" + directory, "backup "
              + backupId + " has no tablespace of that name or OID", linked.isEmpty() ? "none (the backup has no"
              + " tablespace outside its data directory)" : linked.stream().map(t -> t.name() + " (" + t.key() + ")")
              .collect(Collectors.joining(", "))));
      if (!named.add(tree.key())) {
        throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, key + "=" + directory, "tablespace " + tree.name()
            + " (" + tree.key() + ") is named twice, by its name and by its OID", "one entry for each tablespace");
      }
    });
  }

  /**
   * The placements a restore into {@code target} makes: {@code map} by name or OID, the rest beside
   * their originals. Refuses, before anything is written, a map entry that names no tablespace of the
   * backup, a directory inside the target or shared by two, and, when {@code checkHere} (the
   * directories are on this host, {@link DirectoryChecks}), one that is not new or empty, one in
   * use and one without room (relative directories the map itself refuses).
   */
  static LinkedTrees plan(StoredBackup stored, TablespaceMap map, Path target, boolean checkHere) {
    requireKnown(stored.backupId(), stored.report(), map);
    String stamp = RestoreNames.timestamp(stored.report().startedAt());
    LinkedTrees trees = place(stored, t -> {
      String asked = map.entries().containsKey(t.name()) ? map.entries().get(t.name()) : map.entries().get(t.key());
      if (asked == null) {
        Path original = Path.of(t.location());
        return original.resolveSibling(original.getFileName() + "_" + stamp);
      }
      return Path.of(asked);
    });
    Set<Path> seen = new HashSet<>();
    for (Placed p : trees.placed) {
      String given = p.linked().name() + "=" + p.directory();
      if (p.directory().startsWith(target) || target.startsWith(p.directory())) {
        throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, given, "it overlaps the data directory " + target
            + " (PostgreSQL warns against a tablespace inside it)", "a directory outside the data directory");
      }
      if (!seen.add(p.directory())) {
        throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, given, "two tablespaces would share it",
            "a directory of its own for each tablespace");
      }
      if (checkHere) {
        try {
          FilesRestore.refuseUnfit(p.directory(), false, true, p.linked().tree().bytes());
        } catch (RestoreRefusal e) {
          throw e.renamed(RestoreOption.TABLESPACE_MAP);
        }
      }
    }
    return trees;
  }

  /** The placements of a scratch copy (verification): each linked tree in its own directory below {@code parent}. */
  public static LinkedTrees under(StoredBackup stored, Path parent) {
    return place(stored, t -> parent.resolve("tablespace-" + t.key()));
  }

  private static LinkedTrees place(StoredBackup stored, Function<LinkedTree, Path> where) {
    PhysicalReport report = stored.report().physical();
    List<Placed> out = new ArrayList<>();
    for (LinkedTree t : report == null ? List.<LinkedTree>of() : report.linkedTrees()) {
      Entry entry = stored.manifest().entry(t.tree().name());
      if (entry == null || !entry.isTree()) {
        throw new EngineException("backup " + stored.backupId() + " holds no tree " + t.tree().name() + " (tablespace "
            + t.name() + ") in its volume");
      }
      out.add(new Placed(t, entry, where.apply(t)));
    }
    return new LinkedTrees(out);
  }

  public List<Placed> placed() {
    return placed;
  }

  /** The bytes the trees restore. */
  public long bytes() {
    return placed.stream().mapToLong(p -> p.linked().tree().bytes()).sum();
  }

  /**
   * Restores each tree into its directory, then makes its symlink in {@code dataDirectory} (whose
   * tree is restored, without the symlinks) point there, owned as the data directory is.
   */
  public void restore(BackupReader reader, String manifestId, Path dataDirectory, boolean owners,
      ProgressListener progress) throws IOException {
    for (Placed p : placed) {
      reader.restoreTree(manifestId, p.tree(), p.directory(), new RestoreOptions(null, false, owners, false, List.of()),
          progress);
      Path link = dataDirectory.resolve(p.linked().link());
      if (!link.normalize().startsWith(dataDirectory) || Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        throw new EngineException("the restored data directory already holds " + p.linked().link() + ", or the name"
            + " leaves it; the tablespace " + p.linked().name() + " cannot be linked");
      }
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, p.directory());
      if (owners) {
        Files.setAttribute(link, "unix:uid", Files.getAttribute(dataDirectory, "unix:uid"), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(link, "unix:gid", Files.getAttribute(dataDirectory, "unix:gid"), LinkOption.NOFOLLOW_LINKS);
      }
    }
  }
}
