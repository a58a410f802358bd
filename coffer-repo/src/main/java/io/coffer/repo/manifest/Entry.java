package io.coffer.repo.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** One named stream or directory tree of a backup. */
public record Entry(String name, String type, long size, Content content, String tree) {

  public static final String STREAM = "stream";
  public static final String TREE = "tree";

  @JsonIgnore
  public boolean isTree() {
    return TREE.equals(type);
  }
}
