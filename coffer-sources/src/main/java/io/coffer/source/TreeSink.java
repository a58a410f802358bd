package io.coffer.source;

import java.io.IOException;

/**
 * Where a driver stores a directory as a tree of the backup: the engine writes it with the volume's
 * tree writer (files, directories, symlinks, hard links, holes, owners, modes, times, extended
 * attributes), against the same tree of the backup's parent when the backup's level is above 0.
 * Drivers never see the volume format: they hand over a directory they have made consistent and
 * hear what happened to single files.
 */
public interface TreeSink {

  /**
   * Stores {@code directory} as the tree {@code name} and returns what was stored. Events about
   * single files go to {@code events} while the tree is written; the method throws only when the
   * volume cannot be written (or an event handler throws).
   */
  default TreeWritten tree(String name, java.nio.file.Path directory, FileEvents events) throws IOException {
    return tree(name, directory, path -> false, events);
  }

  /**
   * Stores {@code directory} as the tree {@code name} without the paths {@code leaveOut} accepts
   * (relative to {@code directory}, {@code /} between names; a directory left out goes with
   * everything below it): what a server rebuilds on start, or what is copied another way.
   */
  TreeWritten tree(String name, java.nio.file.Path directory, java.util.function.Predicate<String> leaveOut,
      FileEvents events) throws IOException;

  /**
   * The bytes the tree {@code name} held in the backup this one builds on (a level above 0), as the
   * estimate of this one's size; empty when there is none, and the driver measures the directory.
   */
  default java.util.OptionalLong earlierBytes(String name) {
    return java.util.OptionalLong.empty();
  }

  /** What happened to single files while a tree was written; every method may throw to stop the backup. */
  interface FileEvents {
    FileEvents NONE = new FileEvents() {};

    /** Size, mtime, ctime or inode differed after the file was read: the copy may mix old and new bytes. */
    default void changed(String path, String differences) throws IOException {}

    /** Listed but gone when opened: left out. */
    default void vanished(String path) throws IOException {}

    /** Could not be read (permissions, I/O error): left out. */
    default void unreadable(String path, IOException cause) throws IOException {}

    /** A fifo, socket or device: left out. */
    default void skipped(String path, String what) throws IOException {}

    /** About the whole tree (extended attributes could not be read). */
    default void warn(String message) {}
  }

  /**
   * What a tree holds.
   *
   * @param bytes bytes of all files
   * @param files regular files
   * @param reused files taken unread from the parent backup (level above 0)
   */
  record TreeWritten(String name, long bytes, long files, long reused) {}
}
