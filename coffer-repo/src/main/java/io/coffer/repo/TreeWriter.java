package io.coffer.repo;

import io.coffer.repo.manifest.Content;
import io.coffer.repo.manifest.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Stores a directory as tree blobs, depth first: files become content, each directory one tree blob
 * of its sorted nodes. Symlinks are stored, never followed; other special files are skipped.
 */
final class TreeWriter {

  record Result(BlobId treeId, long size) {}

  private final BackupWriter writer;

  TreeWriter(BackupWriter writer) {
    this.writer = writer;
  }

  Result write(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new VolumeException("'" + dir + "' is not a directory");
    }
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = new ArrayList<>(s.toList());
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    List<Tree.Node> nodes = new ArrayList<>();
    long size = 0;
    for (Path p : children) {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      String name = p.getFileName().toString();
      String mtime = a.lastModifiedTime().toInstant().toString();
      Integer mode = mode(p);
      if (a.isSymbolicLink()) {
        nodes.add(new Tree.Node(name, Tree.Node.SYMLINK, mode, mtime, null, null, null, Files.readSymbolicLink(p).toString()));
      } else if (a.isDirectory()) {
        Result sub = write(p);
        size += sub.size();
        nodes.add(new Tree.Node(name, Tree.Node.DIR, mode, mtime, null, null, sub.treeId().hex(), null));
      } else if (a.isRegularFile()) {
        Content c;
        long n;
        try (InputStream in = Files.newInputStream(p)) {
          CountingInputStream counted = new CountingInputStream(in);
          c = writer.storeFile(counted);
          n = counted.count();
        }
        size += n;
        nodes.add(new Tree.Node(name, Tree.Node.FILE, mode, mtime, n, c, null, null));
      }
    }
    BlobId id = writer.storeMeta(Json.write(new Tree(nodes)));
    return new Result(id, size);
  }

  private static Integer mode(Path p) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
      int m = 0;
      for (PosixFilePermission perm : perms) {
        m |= 1 << (8 - perm.ordinal());
      }
      return m;
    } catch (UnsupportedOperationException | IOException e) {
      return null;
    }
  }
}
