package io.coffer.repo;

import io.coffer.repo.manifest.Content;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.manifest.Tree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Restores a backup's entries below a target directory, which must not exist or be empty.
 *
 * <p>Safety: every name is checked (no empty, ".", ".." or separator), every path is checked to stay
 * below the target, files are created with CREATE_NEW so nothing existing is overwritten or followed,
 * and symlinks are created last so no write can pass through one. A symlink whose target leaves the
 * restore directory is refused unless explicitly allowed (a database data directory may need that).
 */
final class TreeRestorer {

  private final BackupReader reader;
  private final Path root;
  private final boolean allowExternalSymlinks;
  private final ProgressListener progress;
  private final List<Runnable> late = new ArrayList<>();

  TreeRestorer(BackupReader reader, Path target, boolean allowExternalSymlinks, ProgressListener progress) {
    this.reader = reader;
    this.root = target.toAbsolutePath().normalize();
    this.allowExternalSymlinks = allowExternalSymlinks;
    this.progress = progress;
  }

  void restore(Manifest m, String only) throws IOException {
    prepareRoot();
    List<Entry> entries = m.entries().stream().filter(e -> only == null || e.name().equals(only)).toList();
    if (entries.isEmpty()) {
      throw new VolumeException("backup has no entry named '" + only + "'");
    }
    progress.start("restore", m.size(), "bytes");
    try {
      for (Entry e : entries) {
        Path p = below(root, e.name().split("/", -1));
        Files.createDirectories(p.getParent());
        if (e.isTree()) {
          Files.createDirectory(p);
          restoreTree(reader.tree(e.tree()), p);
        } else {
          writeFile(p, e.content());
        }
      }
      for (Runnable r : late) {
        r.run();
      }
    } catch (java.io.UncheckedIOException ex) {
      throw ex.getCause();
    } finally {
      progress.done();
    }
  }

  private void prepareRoot() throws IOException {
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        throw new VolumeException("restore target " + root + " exists and is not a directory");
      }
      try (Stream<Path> s = Files.list(root)) {
        if (s.findAny().isPresent()) {
          throw new VolumeException("restore target " + root + " is not empty; restore into a new or empty directory");
        }
      }
    } else {
      Files.createDirectories(root);
    }
  }

  private void restoreTree(Tree tree, Path dir) throws IOException {
    for (Tree.Node n : tree.nodes()) {
      Path p = below(dir, n.name());
      switch (n.type()) {
        case Tree.Node.DIR -> {
          Files.createDirectory(p);
          restoreTree(reader.tree(n.subtree()), p);
          late.add(() -> attributes(p, n));
        }
        case Tree.Node.FILE -> {
          writeFile(p, n.content() == null ? Content.empty() : n.content());
          attributes(p, n);
        }
        case Tree.Node.SYMLINK -> late.add(0, () -> symlink(p, n.target()));
        default -> throw new CorruptDataException("tree node '" + n.name() + "' has unknown type '" + n.type() + "'");
      }
    }
  }

  private void writeFile(Path p, Content content) throws IOException {
    try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      reader.write(content, out, progress);
    }
  }

  private void symlink(Path link, String target) {
    Path t = Path.of(target);
    if (!allowExternalSymlinks) {
      Path resolved = link.getParent().resolve(t).normalize();
      if (t.isAbsolute() || !resolved.startsWith(root)) {
        throw new VolumeException("symlink " + root.relativize(link) + " -> " + target + " points outside the restore directory; refused");
      }
    }
    try {
      Files.createSymbolicLink(link, t);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void attributes(Path p, Tree.Node n) {
    try {
      if (n.mode() != null) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission perm : PosixFilePermission.values()) {
          if ((n.mode() & (1 << (8 - perm.ordinal()))) != 0) {
            perms.add(perm);
          }
        }
        Files.setPosixFilePermissions(p, perms);
      }
      if (n.mtime() != null) {
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse(n.mtime())));
      }
    } catch (UnsupportedOperationException ignored) {
      // Not a POSIX filesystem: contents matter more than permission bits.
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code base/parts…}, refusing any name that could leave {@code base}. */
  private Path below(Path base, String... parts) {
    Path p = base;
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("/") || part.contains("\\") || part.indexOf('\0') >= 0) {
        throw new CorruptDataException("refusing to restore path name '" + part + "': it could leave the restore directory");
      }
      p = p.resolve(part);
    }
    if (!p.normalize().startsWith(root)) {
      throw new CorruptDataException("refusing to restore " + p + ": outside " + root);
    }
    return p;
  }
}
