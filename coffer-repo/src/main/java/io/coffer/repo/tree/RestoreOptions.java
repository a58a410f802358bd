package io.coffer.repo.tree;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a tree is restored. The defaults are the safe ones: the whole tree, into a new or empty
 * directory, symlinks kept inside it, owners as the restoring user.
 *
 * @param path the file or directory of the tree to restore ({@code a/b}), or null for the whole tree;
 *     a directory's contents land in the target, a file lands in it under its name
 * @param force restore into a non-empty directory: what the tree holds replaces what is there
 * @param owners give files their recorded owner and group (needs root)
 * @param allowExternalSymlinks keep symlinks that point outside the target (a data directory may)
 * @param exclude glob patterns ({@code postmaster.pid}, {@code *.lock}) matched against each name;
 *     matching files are not restored (lock and pid files of a stopped database)
 */
public record RestoreOptions(String path, boolean force, boolean owners, boolean allowExternalSymlinks,
    List<String> exclude) {

  public RestoreOptions {
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    if (path != null) {
      path = path.replaceAll("^/+|/+$", "");
      if (path.isEmpty()) {
        path = null;
      }
    }
    for (String glob : exclude) {
      FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
  }

  public static RestoreOptions defaults() {
    return new RestoreOptions(null, false, false, false, List.of());
  }

  public RestoreOptions withPath(String p) {
    return new RestoreOptions(p, force, owners, allowExternalSymlinks, exclude);
  }

  public RestoreOptions withForce(boolean f) {
    return new RestoreOptions(path, f, owners, allowExternalSymlinks, exclude);
  }

  public RestoreOptions withOwners(boolean o) {
    return new RestoreOptions(path, force, o, allowExternalSymlinks, exclude);
  }

  public RestoreOptions withExternalSymlinks(boolean allow) {
    return new RestoreOptions(path, force, owners, allow, exclude);
  }

  public RestoreOptions withExclude(List<String> globs) {
    return new RestoreOptions(path, force, owners, allowExternalSymlinks, globs);
  }

  /** True when {@code name} (one path element) matches an exclude pattern. */
  public boolean excludes(String name) {
    if (exclude.isEmpty()) {
      return false;
    }
    Path p = Path.of(name);
    for (String glob : exclude) {
      if (MATCHERS.computeIfAbsent(glob, g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).matches(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Each glob compiled once per process: a record holds no derived fields, and compiling every
   * pattern again for every restored name made regex compilation the hottest code of a restore.
   */
  private static final Map<String, PathMatcher> MATCHERS = new ConcurrentHashMap<>();
}
