package io.coffer.repo.tree;

import java.util.function.Predicate;

/**
 * How a tree is written.
 *
 * @param previousTree the root tree blob (hex id) of the same tree in an earlier backup, or null: a
 *     file whose size, mtime, ctime and inode equal that backup's takes its content from there
 *     unread (levels 1–9)
 * @param extendedAttributes record extended attributes and ACLs ({@link ExtendedAttributes})
 * @param listener hears about single files
 * @param leaveOut paths relative to the root ({@code /} between names) that the tree does not hold;
 *     a directory left out is left out with everything below it. Nothing is reported about them.
 */
public record TreeOptions(String previousTree, boolean extendedAttributes, TreeListener listener,
    Predicate<String> leaveOut) {

  public TreeOptions {
    listener = listener == null ? TreeListener.NONE : listener;
    leaveOut = leaveOut == null ? path -> false : leaveOut;
  }

  public TreeOptions(String previousTree, boolean extendedAttributes, TreeListener listener) {
    this(previousTree, extendedAttributes, listener, null);
  }

  /** Every file read, attributes recorded, events ignored. */
  public static TreeOptions full() {
    return new TreeOptions(null, true, TreeListener.NONE);
  }

  public TreeOptions withPrevious(String treeId) {
    return new TreeOptions(treeId, extendedAttributes, listener, leaveOut);
  }

  public TreeOptions withListener(TreeListener l) {
    return new TreeOptions(previousTree, extendedAttributes, l, leaveOut);
  }

  /** These options, leaving out the paths {@code leaveOut} accepts. */
  public TreeOptions withLeaveOut(Predicate<String> paths) {
    return new TreeOptions(previousTree, extendedAttributes, listener, paths);
  }
}
