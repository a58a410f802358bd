package io.coffer.repo.tree;

/**
 * How a tree is written.
 *
 * @param previousTree the root tree blob (hex id) of the same tree in an earlier backup, or null: a
 *     file whose size, mtime, ctime and inode equal that backup's takes its content from there
 *     unread (levels 1–9)
 * @param extendedAttributes record extended attributes and ACLs ({@link ExtendedAttributes})
 * @param listener hears about single files
 */
public record TreeOptions(String previousTree, boolean extendedAttributes, TreeListener listener) {

  public TreeOptions {
    listener = listener == null ? TreeListener.NONE : listener;
  }

  /** Every file read, attributes recorded, events ignored. */
  public static TreeOptions full() {
    return new TreeOptions(null, true, TreeListener.NONE);
  }

  public TreeOptions withPrevious(String treeId) {
    return new TreeOptions(treeId, extendedAttributes, listener);
  }

  public TreeOptions withListener(TreeListener l) {
    return new TreeOptions(previousTree, extendedAttributes, l);
  }
}
