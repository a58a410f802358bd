package io.coffer.catalog.restore;

import io.coffer.model.Kind;
import java.util.Objects;

/**
 * Where a planned restore of a FILES or PHYSICAL backup goes: the directory on the agent's host
 * (null: the default {@code <data directory>_<backup time>} beside the node's), one file or
 * directory of the tree (null: all of it), whether a non-empty directory may be written into,
 * whether symlinks that point outside the target are kept, and where a PHYSICAL backup's
 * tablespaces go (none named: each beside its original directory).
 */
public record FilesTarget(String directory, String path, boolean force, boolean externalSymlinks,
    TablespaceMap tablespaces) {

  public static final FilesTarget NONE = new FilesTarget(null, null, false, false);

  public FilesTarget {
    directory = blankToNull(directory);
    path = blankToNull(path);
    tablespaces = Objects.requireNonNullElse(tablespaces, TablespaceMap.NONE);
    if (directory != null && !directory.startsWith("/")) {
      throw new RestoreRefusal(RestoreOption.TARGET_DIRECTORY, directory, "it is relative, and the agent's working"
          + " directory is not the caller's", "an absolute path on the agent's host");
    }
    if (path != null && (path.startsWith("/") || ("/" + path + "/").contains("/../"))) {
      throw new RestoreRefusal(RestoreOption.PATH, path, "a file or directory of the backup's tree, relative to"
          + " its top, without '..'");
    }
  }

  /** Without a tablespace map. */
  public FilesTarget(String directory, String path, boolean force, boolean externalSymlinks) {
    this(directory, path, force, externalSymlinks, TablespaceMap.NONE);
  }

  /** The same target with these tablespaces' directories. */
  public FilesTarget withTablespaces(TablespaceMap map) {
    return new FilesTarget(directory, path, force, externalSymlinks, map);
  }

  /**
   * Refuses these options, unless default, for backup {@code backupId} of {@code kind} when it is not
   * a tree, and a tablespace map unless it is PHYSICAL.
   */
  public void requireTreeBackup(long backupId, Kind kind) {
    if (!tablespaces.isEmpty() && kind != Kind.PHYSICAL) {
      throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, tablespaces, "backup " + backupId + " is a " + kind
          + " backup", "a tablespace map only for a PHYSICAL backup (of a PostgreSQL cluster with tablespaces)");
    }
    if (isDefault() || kind.copiesWholeNode()) {
      return;
    }
    // The first option given.
    RestoreOption option = directory != null ? RestoreOption.TARGET_DIRECTORY : path != null ? RestoreOption.PATH
        : force ? RestoreOption.FORCE : RestoreOption.ALLOW_EXTERNAL_SYMLINKS;
    Object value = directory != null ? directory : path != null ? path : true;
    throw new RestoreRefusal(option, value, "backup " + backupId + " is a " + kind + " backup of databases",
        "the FILES options only for a FILES or PHYSICAL backup");
  }

  /** True when nothing differs from a whole restore into the default directory. */
  public boolean isDefault() {
    return equals(NONE);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
