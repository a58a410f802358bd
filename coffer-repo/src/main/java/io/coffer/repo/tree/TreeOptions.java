package io.coffer.repo.tree;

import io.coffer.repo.manifest.Tree;
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
 *     a directory left out is left out with everything below it. Nothing is reported about them. A
 *     full backup's read-ahead thread asks it too, so it must answer from any thread without side
 *     effects.
 * @param attributesProgram the program that reads extended attributes ({@link ExtendedAttributes#PROGRAM}
 *     unless a test names a stand-in)
 * @param previousRoot the top directory's node in that earlier backup (its entry's {@code root}), or
 *     null: its extended attributes are taken from there when the directory's inode did not change
 */
public record TreeOptions(String previousTree, boolean extendedAttributes, TreeListener listener,
    Predicate<String> leaveOut, String attributesProgram, Tree.Node previousRoot) {

  public TreeOptions {
    listener = listener == null ? TreeListener.NONE : listener;
    leaveOut = leaveOut == null ? path -> false : leaveOut;
    attributesProgram = attributesProgram == null ? ExtendedAttributes.PROGRAM : attributesProgram;
  }

  public TreeOptions(String previousTree, boolean extendedAttributes, TreeListener listener,
      Predicate<String> leaveOut) {
    this(previousTree, extendedAttributes, listener, leaveOut, null, null);
  }

  public TreeOptions(String previousTree, boolean extendedAttributes, TreeListener listener) {
    this(previousTree, extendedAttributes, listener, null, null, null);
  }

  /** Every file read, attributes recorded, events ignored. */
  public static TreeOptions full() {
    return new TreeOptions(null, true, TreeListener.NONE);
  }

  public TreeOptions withPrevious(String treeId) {
    return new TreeOptions(treeId, extendedAttributes, listener, leaveOut, attributesProgram, previousRoot);
  }

  /** These options, building on an earlier backup's tree entry: its root tree blob and its top directory's node. */
  public TreeOptions withPrevious(String treeId, Tree.Node root) {
    return new TreeOptions(treeId, extendedAttributes, listener, leaveOut, attributesProgram, root);
  }

  public TreeOptions withListener(TreeListener l) {
    return new TreeOptions(previousTree, extendedAttributes, l, leaveOut, attributesProgram, previousRoot);
  }

  /** These options, leaving out the paths {@code leaveOut} accepts. */
  public TreeOptions withLeaveOut(Predicate<String> paths) {
    return new TreeOptions(previousTree, extendedAttributes, listener, paths, attributesProgram, previousRoot);
  }

  /** These options, reading extended attributes with {@code program} (tests). */
  public TreeOptions withAttributesProgram(String program) {
    return new TreeOptions(previousTree, extendedAttributes, listener, leaveOut, program, previousRoot);
  }
}
