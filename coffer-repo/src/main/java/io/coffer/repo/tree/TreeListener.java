package io.coffer.repo.tree;

import java.io.IOException;

/**
 * Hears what happens to single files while a tree is written. Paths are relative to the tree's root,
 * with {@code /} between names. A method may throw to stop the backup (a policy that fails on a file
 * that changed while it was read); by default every event is passed over and the walk goes on.
 * Called from the thread that writes the tree.
 */
public interface TreeListener {

  TreeListener NONE = new TreeListener() {};

  /** A file was read completely ({@code bytes}), or taken unread from the previous backup ({@code reused}). */
  default void stored(String path, long bytes, boolean reused) throws IOException {}

  /**
   * The file's size, mtime, ctime or inode differed after it was read: its copy may mix old and new
   * bytes. It is stored as read.
   */
  default void changed(String path, String differences) throws IOException {}

  /** The file or directory was listed but was gone when it was opened; it is left out. */
  default void vanished(String path) throws IOException {}

  /** The file or directory cannot be read (permissions, I/O error); it is left out. */
  default void unreadable(String path, IOException cause) throws IOException {}

  /** A fifo, socket or device: trees hold no such nodes; it is left out. */
  default void skipped(String path, String what) throws IOException {}

  /** Something about the whole tree the user should know (extended attributes not readable). */
  default void warn(String message) {}
}
