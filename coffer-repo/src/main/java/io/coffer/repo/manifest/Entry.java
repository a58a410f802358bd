package io.coffer.repo.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

  /**
   * The digest that names a stream's content as stored (hex): SHA-256 over its size and its blob
   * ids, or its id lists' ids, in order (docs/repository-format.md, "Content digest"). Blob ids are
   * keyed hashes of the bytes and every blob read is checked against its id, so within one volume
   * equal digests mean equal bytes; taking the digest from the ids spares a backup a second SHA-256
   * pass over every byte, about a tenth of a warm agent's CPU in a database backup. Other volumes
   * have other keys, hence other digests.
   */
  @JsonIgnore
  public String contentDigest() {
    if (content == null) {
      throw new IllegalStateException("entry " + name + " is a tree, not a stream");
    }
    boolean inline = content.isInline();
    StringBuilder text = new StringBuilder("coffer-content\n").append(size).append('\n')
        .append(inline ? "ids" : "lists").append('\n');
    for (String id : inline ? content.ids() : content.lists()) {
      text.append(id).append('\n');
    }
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }
}
