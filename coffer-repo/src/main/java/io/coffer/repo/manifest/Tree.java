package io.coffer.repo.manifest;

import java.util.List;

/** One directory, stored as a meta blob; nodes are sorted by name so equal directories dedup. */
public record Tree(List<Node> nodes) {

  /** A file, directory or symlink. Files carry {@code size} and {@code content}; directories {@code subtree}. */
  public record Node(String name, String type, Integer mode, String mtime, Long size, Content content, String subtree, String target) {
    public static final String FILE = "file";
    public static final String DIR = "dir";
    public static final String SYMLINK = "symlink";
  }
}
