package io.coffer.repo.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One directory, stored as a meta blob; nodes are sorted by name so equal directories dedup. */
public record Tree(List<Node> nodes) {

  /**
   * A file, directory or symlink. Files carry {@code size} and {@code content}; directories {@code
   * subtree}; symlinks {@code target}. The rest is optional metadata (absent in trees written before
   * it existed, and restored only when present): see docs/repository-format.md, "Trees".
   *
   * @param mode permission bits with set-user-id, set-group-id and sticky (07777)
   * @param mtime modification time, ISO-8601 with nanoseconds
   * @param owner numeric ids and names of the owner and group
   * @param inode where the file lived and when it last changed, for hard links and levels
   * @param sparse true when the file had holes: restore leaves zero blocks unwritten
   * @param xattrs extended attributes (POSIX ACLs included) by name, values base64
   */
  public record Node(String name, String type, Integer mode, String mtime, Long size, Content content, String subtree,
      String target, Owner owner, Inode inode, @JsonProperty("sparse") Boolean sparse, Map<String, String> xattrs) {

    public static final String FILE = "file";
    public static final String DIR = "dir";
    public static final String SYMLINK = "symlink";

    public Node {
      xattrs = xattrs == null || xattrs.isEmpty() ? null : Map.copyOf(xattrs);
    }

    // Not properties: written as "sparse": false and "hardLinked": false on every node, they made
    // each tree larger than the format says and every read buffer an unknown property per node.
    @JsonIgnore
    public boolean isSparse() {
      return Boolean.TRUE.equals(sparse);
    }

    /**
     * True when another node of the tree may name the same file (a hard link). Directories have an
     * inode too, and two or more links by nature (their entry and their own "."), but are never linked.
     */
    @JsonIgnore
    public boolean isHardLinked() {
      return FILE.equals(type) && inode != null && inode.links() > 1;
    }

    /** This node with other content (a level backup takes unchanged files from its parent). */
    public Node withContent(Content newContent, Boolean newSparse) {
      return new Node(name, type, mode, mtime, size, newContent, subtree, target, owner, inode, newSparse, xattrs);
    }
  }

  /** Owner and group: the numbers, and the names they had where the backup was taken (null if none). */
  public record Owner(int uid, int gid, String user, String group) {}

  /**
   * The identity of a file: device and inode number (equal for the hard links of one file), its link
   * count, and its change time (ISO-8601). A level backup compares size, mtime, ctime and inode.
   */
  public record Inode(long device, long number, int links, String ctime) {}
}
