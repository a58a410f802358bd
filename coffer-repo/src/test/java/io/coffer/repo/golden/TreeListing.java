package io.coffer.repo.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a directory holds, as the golden volumes' expected contents record it: per node below the root,
 * sorted by path, its type, mode (octal), mtime, and for files size and SHA-256, for symlinks the
 * target. A restore is right when the listing of what it wrote equals the recorded one.
 */
final class TreeListing {

  private TreeListing() {}

  static List<Map<String, Object>> of(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> all = Files.walk(root)) {
      paths = all.filter(p -> !p.equals(root)).sorted().toList();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path p : paths) {
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("path", root.relativize(p).toString());
      if (a.isSymbolicLink()) {
        node.put("type", "symlink");
        node.put("target", Files.readSymbolicLink(p).toString());
      } else {
        node.put("type", a.isDirectory() ? "dir" : "file");
        node.put("mode", String.format("%04o", mode(a)));
        node.put("mtime", a.lastModifiedTime().toInstant().toString());
        if (a.isRegularFile()) {
          byte[] content = Files.readAllBytes(p);
          node.put("size", content.length);
          node.put("sha256", GoldenVolumeWriter.hex(GoldenVolumeWriter.sha256(content)));
        }
      }
      out.add(node);
    }
    return out;
  }

  private static int mode(PosixFileAttributes a) {
    int m = 0;
    for (PosixFilePermission perm : a.permissions()) {
      m |= 1 << (8 - perm.ordinal());
    }
    return m;
  }
}
