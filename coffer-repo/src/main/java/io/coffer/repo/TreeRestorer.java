package io.coffer.repo;

import io.coffer.repo.manifest.Content;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.IsoInstant;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.manifest.Tree;
import io.coffer.repo.tree.ExtendedAttributes;
import io.coffer.repo.tree.NativeFiles;
import io.coffer.repo.tree.Owners;
import io.coffer.repo.tree.RestoreOptions;
import io.coffer.repo.tree.SparseOutput;
import io.coffer.repo.tree.TreeRestore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Restores a backup's entries, or one tree (or a file or subtree of it), below a target directory.
 *
 * <p>Safety: every name is checked (no empty, ".", ".." or separator), every path is checked to stay
 * below the target, files are created with CREATE_NEW so nothing is followed, and symlinks are
 * created last so no write can pass through one. A symlink whose target leaves the restore directory
 * is refused unless explicitly allowed (a database data directory may need that). A non-empty target
 * is refused unless forced; forced, what stands where the tree has a node is removed first (a
 * symlink in place of a directory is removed, never followed).
 *
 * <p>Order: directories, then files (holes left in sparse files), then hard links to the first name
 * restored, then symlinks, then extended attributes, then directories' owners, modes and mtimes from
 * the deepest up (they were listed after their contents), so a read-only directory is filled before
 * it is closed. One instance per restore.
 *
 * <p>Files are written by two threads while this one walks the tree and makes the directories.
 * Why: written one at a time, each small file waited in turn for its segment, its write, and its
 * owner, mode and time. They take large and small files in separate lanes ({@link WriteLanes}). A
 * directory is made before any file in it is handed out; everything that follows the files waits
 * until all of them are written.
 */
final class TreeRestorer implements AutoCloseable {

  /** The owner and group left as they are (fchown's -1). */
  private static final int[] NO_OWNER = {-1, -1};

  private final BackupReader reader;
  private final Path root;
  private final RestoreOptions options;
  private final ProgressListener progress;
  private final Owners owners = new Owners();
  private final List<Runnable> symlinks = new ArrayList<>();
  private final List<Runnable> directories = new ArrayList<>();
  private final Map<String, Path> hardLinks = new HashMap<>();
  private final List<Runnable> links = new ArrayList<>();
  private final WriteLanes writers = new WriteLanes("coffer-restore-write");
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Map<String, Map<String, String>> xattrs = new LinkedHashMap<>();
  private final List<String> excluded = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private long files;

  TreeRestorer(BackupReader reader, Path target, RestoreOptions options, ProgressListener progress) {
    this.reader = reader;
    this.root = target.toAbsolutePath().normalize();
    this.options = options;
    this.progress = progress;
  }

  /** Restores the entries of a backup (or the one named {@code only}) each under its name. */
  void restore(Manifest m, String only) throws IOException {
    List<Entry> entries = m.entries().stream().filter(e -> only == null || e.name().equals(only)).toList();
    if (entries.isEmpty()) {
      throw new VolumeException("backup has no entry named '" + only + "'");
    }
    prepareRoot(entries.stream().mapToLong(Entry::size).sum());
    progress.start("restore", m.size(), "bytes");
    try {
      for (Entry e : entries) {
        Path p = below(root, e.name().split("/", -1));
        Files.createDirectories(p.getParent());
        if (e.isTree()) {
          Files.createDirectory(p);
          restoreTree(reader.tree(e.tree()), p);
          if (e.root() != null) {
            directories.add(() -> attributes(p, e.root()));
          }
        } else {
          write(() -> writeFile(p, e.content(), false), e.size());
        }
      }
      finish();
    } finally {
      progress.done();
    }
  }

  /** Restores a tree entry's contents, or the file or directory {@link RestoreOptions#path()} of it, into the target. */
  TreeRestore restoreTree(Entry entry, String manifestId) throws IOException {
    if (!entry.isTree()) {
      throw new VolumeException("entry '" + entry.name() + "' of backup " + manifestId.substring(0, 12)
          + " is a stream, not a tree");
    }
    Tree.Node top = entry.root();
    Tree tree = reader.tree(entry.tree());
    long size = entry.size();
    String prefix = "";
    if (options.path() != null) {
      Tree.Node found = find(tree, options.path(), manifestId);
      prefix = options.path();
      if (Tree.Node.DIR.equals(found.type())) {
        top = found;
        tree = reader.tree(found.subtree());
        size = found.size() != null ? found.size() : sizeOf(tree);
      } else {
        prepareRoot(found.size() == null ? 0 : found.size());
        progress.start("restore", found.size() == null ? 0 : found.size(), "bytes");
        try {
          restoreNodes(List.of(found), root, "");
          finish();
        } finally {
          progress.done();
        }
        return result();
      }
    }
    prepareRoot(size);
    progress.start("restore", size, "bytes");
    try {
      restoreNodes(tree.nodes(), root, "");
      if (top != null) {
        Tree.Node meta = top;
        collectXattrs("", meta);
        directories.add(() -> attributes(root, meta));
      }
      finish();
    } finally {
      progress.done();
    }
    return result();
  }

  private TreeRestore result() {
    return new TreeRestore(root, files, List.copyOf(excluded), List.copyOf(warnings));
  }

  private Tree.Node find(Tree tree, String path, String manifestId) throws IOException {
    String[] parts = path.split("/+");
    Tree at = tree;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      Tree.Node n = at.nodes().stream().filter(x -> x.name().equals(part)).findFirst().orElse(null);
      if (n == null || (i < parts.length - 1 && !Tree.Node.DIR.equals(n.type()))) {
        throw new VolumeException("path '" + path + "' is not in backup " + manifestId.substring(0, 12)
            + "; list the tree with: coffer backup contents");
      }
      if (i == parts.length - 1) {
        return n;
      }
      at = reader.tree(n.subtree());
    }
    throw new VolumeException("path '" + path + "' is not in backup " + manifestId.substring(0, 12));
  }

  private long sizeOf(Tree tree) throws IOException {
    long size = 0;
    for (Tree.Node n : tree.nodes()) {
      if (Tree.Node.DIR.equals(n.type())) {
        size += n.size() != null ? n.size() : sizeOf(reader.tree(n.subtree()));
      } else if (n.size() != null) {
        size += n.size();
      }
    }
    return size;
  }

  /** Creates the target or checks it is empty (unless forced), then checks its free space. */
  private void prepareRoot(long bytes) throws IOException {
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        throw new VolumeException("restore target " + root + " exists and is not a directory");
      }
      if (!options.force()) {
        try (Stream<Path> s = Files.list(root)) {
          if (s.findAny().isPresent()) {
            throw new VolumeException("restore target " + root + " is not empty; restore into a new or empty"
                + " directory, or replace what is there with --force");
          }
        }
      }
    }
    Path existing = root;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      long free = Files.getFileStore(existing).getUsableSpace();
      if (free < bytes) {
        throw new VolumeException("restore target " + root + " has " + free + " bytes free; the backup needs "
            + bytes + " bytes; nothing was written");
      }
    }
    Files.createDirectories(root);
  }

  /** Restores nodes into {@code dir}; {@code rel} is dir's path below the root, for attributes and messages. */
  private void restoreNodes(List<Tree.Node> nodes, Path dir, String rel) throws IOException {
    for (Tree.Node n : nodes) {
      Path p = below(dir, n.name());
      String path = rel.isEmpty() ? n.name() : rel + "/" + n.name();
      if (options.excludes(n.name())) {
        excluded.add(path);
        continue;
      }
      clear(p, Tree.Node.DIR.equals(n.type()));
      switch (n.type()) {
        case Tree.Node.DIR -> {
          if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(p);
          }
          restoreNodes(reader.tree(n.subtree()).nodes(), p, path);
          directories.add(() -> attributes(p, n));
        }
        case Tree.Node.FILE -> file(p, n);
        case Tree.Node.SYMLINK -> symlinks.add(() -> {
          symlink(p, n.target());
          attributes(p, n);
        });
        default -> throw new CorruptDataException("tree node '" + n.name() + "' has unknown type '" + n.type() + "'");
      }
      collectXattrs(path, n);
    }
  }

  private void file(Path p, Tree.Node n) throws IOException {
    files++;
    String link = n.isHardLinked() ? n.inode().device() + ":" + n.inode().number() : null;
    Path first = link == null ? null : hardLinks.get(link);
    if (first != null) {
      links.add(() -> {
        try {
          Files.createLink(p, first);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        attributes(p, n);
      });
      return;
    }
    if (link != null) {
      hardLinks.put(link, p);
    }
    write(() -> {
      writeFile(p, n.content() == null ? Content.empty() : n.content(), n.isSparse());
      attributes(p, n);
    }, n.size() == null ? 0 : n.size());
  }

  /** A file's writing, run by a writer thread. */
  private interface FileWrite {
    void run() throws IOException;
  }

  /** Hands a file of {@code size} bytes to the writers, waiting while its lane is full; throws the first writer's failure. */
  private void write(FileWrite task, long size) throws IOException {
    rethrow();
    try {
      writers.submit(() -> {
        try {
          if (failure.get() == null) {
            task.run();
          }
        } catch (IOException | RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        }
      }, size);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while restoring");
    }
  }

  /** Waits until every file handed out is written; throws the first writer's failure. */
  private void awaitWrites() throws IOException {
    try {
      writers.awaitAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while restoring");
    }
    rethrow();
  }

  private void rethrow() throws IOException {
    Throwable t = failure.get();
    Failures.rethrow(t instanceof UncheckedIOException u ? u.getCause() : t, "writing a restored file");
  }

  /** Stops the writers; after a failure, the files still queued are not written. */
  @Override
  public void close() {
    failure.compareAndSet(null, new IllegalStateException("restore closed"));
    writers.close();
  }

  /** Forced into a non-empty target: removes what stands at {@code p}, unless it is a directory that stays one. */
  private void clear(Path p, boolean keepDirectory) throws IOException {
    if (!options.force() || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (keepDirectory && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(q);
        }
      }
    } else {
      Files.delete(p);
    }
  }

  private void collectXattrs(String path, Tree.Node n) {
    if (n.xattrs() != null) {
      xattrs.put(path, n.xattrs());
    }
  }

  private void finish() throws IOException {
    awaitWrites();
    try {
      for (Runnable r : links) {
        r.run();
      }
      for (Runnable r : symlinks) {
        r.run();
      }
      String problem = ExtendedAttributes.write(root, xattrs);
      if (problem != null) {
        warnings.add(problem);
      }
      for (Runnable r : directories) {
        r.run();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void restoreTree(Tree tree, Path dir) throws IOException {
    restoreNodes(tree.nodes(), dir, root.relativize(dir).toString());
  }

  private void writeFile(Path p, Content content, boolean sparse) throws IOException {
    if (sparse) {
      try (OutputStream out = new SparseOutput(new RandomAccessFile(create(p).toFile(), "rw"))) {
        reader.write(content, out, progress);
      }
      return;
    }
    try (FileOutput out = new FileOutput(p)) {
      reader.writeFile(content, out, progress);
    }
  }

  /** Creates an empty file with create-new semantics (so no symlink planted there is followed). */
  private static Path create(Path p) throws IOException {
    Files.newByteChannel(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
    return p;
  }

  private void symlink(Path link, String target) {
    Path t = Path.of(target);
    if (!options.allowExternalSymlinks()) {
      Path resolved = link.getParent().resolve(t).normalize();
      if (t.isAbsolute() || !resolved.startsWith(root)) {
        throw new VolumeException("symlink " + root.relativize(link) + " -> " + target
            + " points outside the restore directory; refused");
      }
    }
    try {
      Files.createSymbolicLink(link, t);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Owner first (chown clears set-user-id bits), then mode (not on symlinks), then mtime: through one
   * descriptor of the C library's where it is bound, else through the JDK's views.
   */
  private void attributes(Path p, Tree.Node n) {
    boolean symlink = Tree.Node.SYMLINK.equals(n.type());
    try {
      if (!symlink && NativeFiles.available()) {
        int[] ids = options.owners() && n.owner() != null ? owners.ids(n.owner()) : NO_OWNER;
        if (ids != null) {
          NativeFiles.setAttributes(p, ids[0], ids[1], n.mode() == null ? -1 : n.mode(),
              n.mtime() == null ? null : IsoInstant.parse(n.mtime()));
          return;
        }
      }
      if (options.owners() && n.owner() != null) {
        owners.apply(p, n.owner());
      }
      if (n.mode() != null && !symlink) {
        Files.setAttribute(p, "unix:mode", n.mode(), LinkOption.NOFOLLOW_LINKS);
      }
      if (n.mtime() != null) {
        FileTime t = FileTime.from(IsoInstant.parse(n.mtime()));
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(t, null, null);
      }
    } catch (UnsupportedOperationException | IllegalArgumentException ignored) {
      // Not a POSIX filesystem: contents matter more than permission bits.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code base/parts…}, refusing any name that could leave {@code base}. */
  private Path below(Path base, String... parts) {
    Path p = base;
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("/") || part.contains("\\")
          || part.indexOf('\0') >= 0) {
        throw new CorruptDataException("refusing to restore path name '" + part + "': it could leave the restore"
            + " directory");
      }
      p = p.resolve(part);
    }
    if (!p.normalize().startsWith(root)) {
      throw new CorruptDataException("refusing to restore " + p + ": outside " + root);
    }
    return p;
  }
}
