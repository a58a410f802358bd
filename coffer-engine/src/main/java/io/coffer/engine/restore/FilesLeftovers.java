package io.coffer.engine.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a failed FILES restore leaves in its target directory, decided by what the directory was
 * before it began: a directory the restore created is removed, one that was empty is emptied again
 * (as a failed database restore drops what it created), unless keep-failed, when the message says
 * how to remove it. A forced restore over files that were there cannot be undone: the message says
 * so rather than delete what was not the restore's.
 */
final class FilesLeftovers {

  private enum Before { ABSENT, EMPTY, OCCUPIED }

  private final Path target;
  private final Before before;

  private FilesLeftovers(Path target, Before before) {
    this.target = target;
    this.before = before;
  }

  /** The target as it is before anything is written. */
  static FilesLeftovers before(Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return new FilesLeftovers(target, Before.ABSENT);
    }
    try (Stream<Path> entries = Files.list(target)) {
      return new FilesLeftovers(target, entries.findAny().isPresent() ? Before.OCCUPIED : Before.EMPTY);
    }
  }

  /** Cleans up after a failed write as {@code keepFailed} says; returns what became of the target. */
  String afterFailure(boolean keepFailed) {
    if (before == Before.OCCUPIED) {
      return target + " now holds part of the backup over what was there before (--force), which cannot be undone;"
          + " nothing was removed";
    }
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return "nothing was written";
    }
    String remove = before == Before.ABSENT ? "rm -rf -- '" + target + "'"
        : "find '" + target + "' -mindepth 1 -delete";
    if (keepFailed) {
      return "kept what was written in " + target + " for inspection (keep-failed); to remove it: " + remove;
    }
    try {
      delete(before == Before.ABSENT);
    } catch (IOException e) {
      return "could not remove what was written in " + target + " (" + e.getMessage() + "); remove it with: " + remove;
    }
    return before == Before.ABSENT ? "removed " + target + ", which this restore had created"
        : "removed what was written in " + target + ", which was empty before";
  }

  /** Deletes below the target, and the target itself when the restore created it; links are not followed. */
  private void delete(boolean self) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(target)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      if (self || !path.equals(target)) {
        Files.deleteIfExists(path);
      }
    }
  }
}
