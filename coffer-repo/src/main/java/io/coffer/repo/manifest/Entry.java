package io.coffer.repo.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One named stream or directory tree of a backup. A tree may carry {@code root}: the metadata of
 * its top directory (mode, owner, mtime, attributes; no name), which its nodes cannot hold.
 */
public record Entry(String name, String type, long size, Content content, String tree, Tree.Node root) {

  public static final String STREAM = "stream";
  public static final String TREE = "tree";

  public Entry(String name, String type, long size, Content content, String tree) {
    this(name, type, size, content, tree, null);
  }

  @JsonIgnore
  public boolean isTree() {
    return TREE.equals(type);
  }
}
