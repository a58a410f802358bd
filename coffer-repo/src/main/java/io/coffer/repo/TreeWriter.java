package io.coffer.repo;

import io.coffer.repo.manifest.Content;
import io.coffer.repo.manifest.IsoInstant;
import io.coffer.repo.manifest.Tree;
import io.coffer.repo.tree.ExtendedAttributes;
import io.coffer.repo.tree.FileStat;
import io.coffer.repo.tree.Owners;
import io.coffer.repo.tree.SparseFiles;
import io.coffer.repo.tree.TreeListener;
import io.coffer.repo.tree.TreeOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores a directory as tree blobs, depth first: files become content, each directory one tree blob
 * of its sorted nodes (docs/repository-format.md, "Trees"). Symlinks are stored, never followed;
 * fifos, sockets and devices are left out and reported.
 *
 * <p>Each file is stat'ed before and after it is read: a difference means it changed while read,
 * which the {@link TreeListener} hears (the backup's policy decides whether that fails it). A file
 * whose stat equals the one recorded in the previous backup's tree is not read at all: its content
 * is the previous content (levels 1–9). Hard links are read once: later names of the same inode take
 * the content of the first. One instance writes one tree, on the calling thread.
 *
 * <p>Extended attributes come from one {@code getfattr -R} over the tree, started before the walk. A
 * level backup takes a node's attributes from the previous backup's node when its inode and change
 * time are the same (setting an attribute or an ACL changes the change time), and waits for the
 * dump only for a node that changed: the dump of 30,000 files took ~0.4 s that an unchanged level
 * waited for before its walk began (docs/benchmarks.md).
 */
final class TreeWriter {

  record Result(BlobId treeId, long size, long files, long reused) {}

  private final BackupWriter writer;
  private final TreeOptions options;
  private final TreeListener listener;
  private final BlobReader previous;
  private final Owners owners = new Owners();
  private final Map<String, Tree.Node> hardLinks = new HashMap<>();
  /** The current directory's files with all-zero blocks, by inode, until one stat asks which have holes. */
  private Map<String, Path> sparseCandidates = new LinkedHashMap<>();
  /** The tree's extended attributes being read, or null when they are not recorded. */
  private ExtendedAttributes.Pending attributes;
  private boolean dumpRead;
  /** Reading the files ahead of the walk (full backups where the C library is bound), else null. */
  private ReadAhead ahead;
  private Tree.Node root;
  private long files;
  private long reused;

  TreeWriter(BackupWriter writer, TreeOptions options, BlobReader previous) {
    this.writer = writer;
    this.options = options;
    this.listener = options.listener();
    this.previous = previous;
  }

  Result write(Path dir) throws IOException {
    FileStat stat;
    try {
      stat = FileStat.of(dir);
    } catch (NoSuchFileException e) {
      throw new VolumeException("'" + dir + "' does not exist");
    }
    if (stat.type() != FileStat.Type.DIR) {
      throw new VolumeException("'" + dir + "' is not a directory");
    }
    try (ExtendedAttributes.Pending pending = options.extendedAttributes()
        ? ExtendedAttributes.start(dir, options.attributesProgram()) : null;
        ReadAhead readAhead = options.previousTree() == null ? ReadAhead.start(dir, options.leaveOut()) : null) {
      attributes = pending;
      ahead = readAhead;
      Listing before = options.previousTree() == null ? null : earlier(options.previousTree());
      Listing top = directory(dir, "", before);
      if (top == null) {
        throw new VolumeException("'" + dir + "' cannot be read");
      }
      // The top directory's node comes last: when its attributes must come from the dump, the dump
      // has had the whole walk to finish.
      root = node(null, "", dir, stat, Tree.Node.DIR, null, null, null, options.previousRoot());
      return new Result(top.id, top.size, files, reused);
    } finally {
      attributes = null;
      ahead = null;
    }
  }

  /** The metadata of the tree's top directory, for the entry (its nodes cannot hold it). */
  Tree.Node root() {
    return root;
  }

  /** A directory's tree blob: its id, the bytes of its files, and (for an earlier backup's) its nodes. */
  private record Listing(BlobId id, long size, Tree tree) {}

  private Listing directory(Path dir, String rel, Listing before) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
    } catch (NoSuchFileException e) {
      listener.vanished(rel);
      return null;
    } catch (IOException e) {
      listener.unreadable(rel, e);
      return null;
    }
    names.sort(String::compareTo);
    Map<String, Tree.Node> earlier = new HashMap<>();
    if (before != null) {
      before.tree().nodes().forEach(n -> earlier.put(n.name(), n));
    }
    List<Tree.Node> nodes = new ArrayList<>();
    long size = 0;
    Map<String, Path> outerCandidates = sparseCandidates;
    sparseCandidates = new LinkedHashMap<>();
    for (String name : names) {
      Path p = dir.resolve(name);
      String path = rel.isEmpty() ? name : rel + "/" + name;
      if (options.leaveOut().test(path)) {
        continue;
      }
      Tree.Node n = child(p, path, name, earlier.get(name));
      if (n != null) {
        nodes.add(n);
        size += n.size() == null ? 0 : n.size();
      }
    }
    markSparse(nodes);
    sparseCandidates = outerCandidates;
    if (before != null && nodes.equals(before.tree().nodes())) {
      // Nothing below changed: the earlier blob is this directory's, byte for byte, and is already
      // in the volume. Writing it again cost a JSON encoding and a hash per directory.
      return new Listing(before.id(), size, null);
    }
    BlobId id = writer.storeMeta(Json.write(new Tree(nodes)));
    return new Listing(id, size, null);
  }

  /** One node, or null when the path vanished or cannot be read (the listener was told). */
  private Tree.Node child(Path p, String path, String name, Tree.Node before) throws IOException {
    try {
      FileStat stat = FileStat.of(p);
      return switch (stat.type()) {
        case SYMLINK -> node(name, path, p, stat, Tree.Node.SYMLINK, null, null, Files.readSymbolicLink(p).toString(),
            before);
        case DIR -> {
          Listing earlier = before != null && Tree.Node.DIR.equals(before.type()) && before.subtree() != null
              ? earlier(before.subtree()) : null;
          Listing sub = directory(p, path, earlier);
          yield sub == null ? null : node(name, path, p, stat, Tree.Node.DIR, sub.size, sub.id.hex(), null, before);
        }
        case FILE -> file(p, path, name, stat, before);
        case OTHER -> {
          listener.skipped(path, "a fifo, socket or device");
          yield null;
        }
      };
    } catch (NoSuchFileException e) {
      listener.vanished(path);
      return null;
    } catch (FileReadException e) {
      listener.unreadable(path, e.cause);
      return null;
    } catch (AccessDeniedException e) {
      listener.unreadable(path, e);
      return null;
    }
  }

  private Tree.Node file(Path p, String path, String name, FileStat stat, Tree.Node before) throws IOException {
    files++;
    if (ahead != null) {
      ahead.walked(stat.size());
    }
    Times times = Times.of(stat);
    Tree.Node unread = unchanged(stat, times, before);
    String link = stat.device() + ":" + stat.inode();
    if (unread == null && stat.links() > 1) {
      unread = hardLinks.get(link);
    }
    if (unread != null) {
      reused++;
      writer.advance(unread.size());
      listener.stored(path, unread.size(), true);
      return node(name, path, p, stat, times, Tree.Node.FILE, unread.size(), null, null, before)
          .withContent(unread.content(), unread.sparse());
    }
    Content content;
    long length;
    try (InputStream in = new FileInput(Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS), stat.size())) {
      SparseFiles.ZeroBlockCounter zeros = new SparseFiles.ZeroBlockCounter(in);
      CountingInputStream counted = new CountingInputStream(zeros);
      content = writer.storeFile(counted, stat.size(), earlier(before));
      length = counted.count();
      if (zeros.zeroBlocks() > 0) {
        sparseCandidates.put(link, p);
      }
    } catch (NoSuchFileException e) {
      listener.vanished(path);
      return null;
    } catch (AccessDeniedException e) {
      listener.unreadable(path, e);
      return null;
    }
    FileStat after;
    try {
      after = FileStat.of(p);
    } catch (NoSuchFileException e) {
      listener.changed(path, "deleted while it was read");
      after = stat;
    }
    if (!stat.sameVersion(after)) {
      listener.changed(path, stat.differences(after));
    }
    listener.stored(path, length, false);
    Tree.Node n = node(name, path, p, stat, times, Tree.Node.FILE, length, null, null, before)
        .withContent(content, null);
    if (stat.links() > 1) {
      hardLinks.put(link, n);
    }
    return n;
  }

  /**
   * Marks the directory's files that have holes, asking about all candidates at once: one {@code
   * stat} process per file with a zero block was 122 processes for one PostgreSQL data directory,
   * most of a second of a backup's copy. A name in this directory that is a hard link of a candidate
   * shares its inode, so its holes; later names elsewhere take the marked node.
   */
  private void markSparse(List<Tree.Node> nodes) {
    if (sparseCandidates.isEmpty()) {
      return;
    }
    Set<Path> holes = SparseFiles.withHoles(sparseCandidates.values());
    for (int i = 0; i < nodes.size(); i++) {
      Tree.Node n = nodes.get(i);
      if (!Tree.Node.FILE.equals(n.type()) || n.inode() == null) {
        continue;
      }
      String link = n.inode().device() + ":" + n.inode().number();
      Path candidate = sparseCandidates.get(link);
      if (candidate != null && holes.contains(candidate)) {
        Tree.Node marked = n.withContent(n.content(), Boolean.TRUE);
        nodes.set(i, marked);
        hardLinks.computeIfPresent(link, (k, v) -> marked);
      }
    }
  }

  /** The chunks of the file's version in the previous backup, for its changed chunks; null when it had none. */
  private EarlierChunks earlier(Tree.Node before) {
    return before != null && Tree.Node.FILE.equals(before.type()) && before.content() != null
        ? new EarlierChunks(previous, before.content()) : null;
  }

  /** The previous backup's node when this file has not changed since, else null. */
  private static Tree.Node unchanged(FileStat stat, Times times, Tree.Node before) {
    if (before == null || !Tree.Node.FILE.equals(before.type()) || before.inode() == null || before.size() == null
        || before.content() == null) {
      return null;
    }
    Tree.Inode was = before.inode();
    boolean same = before.size() == stat.size() && times.mtime().equals(before.mtime())
        && times.ctime().equals(was.ctime()) && stat.inode() == was.number();
    return same ? before : null;
  }

  /**
   * A path's mtime and ctime as trees write them (ISO-8601), formatted once per file: comparing with
   * the earlier node and writing the new one took each twice, and formatting was a tenth of an
   * unchanged level's time ({@link IsoInstant} since).
   */
  private record Times(String mtime, String ctime) {
    static Times of(FileStat stat) {
      return new Times(IsoInstant.of(stat.mtime()), IsoInstant.of(stat.ctime()));
    }
  }

  /**
   * A node without content; {@code path} is relative to the tree's root, for its extended attributes;
   * {@code before} is the previous backup's node of the same name, or null.
   */
  private Tree.Node node(String name, String path, Path p, FileStat stat, String type, Long size, String subtree,
      String target, Tree.Node before) throws IOException {
    return node(name, path, p, stat, Times.of(stat), type, size, subtree, target, before);
  }

  private Tree.Node node(String name, String path, Path p, FileStat stat, Times times, String type, Long size,
      String subtree, String target, Tree.Node before) throws IOException {
    Tree.Inode inode = new Tree.Inode(stat.device(), stat.inode(), stat.links(), times.ctime());
    return new Tree.Node(name, type, stat.mode(), times.mtime(), size, null, subtree, target, owners.of(p, stat),
        inode, null, attributes(path, type, inode, before));
  }

  /**
   * A node's extended attributes: the previous backup's when the node is the same inode with the
   * same change time (every change of an attribute or ACL sets it), else the dump's.
   */
  private Map<String, String> attributes(String path, String type, Tree.Inode inode, Tree.Node before) {
    if (attributes == null) {
      return null;
    }
    if (before != null && type.equals(before.type()) && before.inode() != null
        && before.inode().number() == inode.number() && inode.ctime().equals(before.inode().ctime())) {
      return before.xattrs();
    }
    ExtendedAttributes.Dump dump = attributes.await();
    if (!dumpRead && dump.problem() != null) {
      listener.warn(dump.problem());
    }
    dumpRead = true;
    return dump.byPath().get(path);
  }

  private Listing earlier(String hexId) throws IOException {
    BlobId id = previous.format().parseId(hexId);
    Tree tree = Json.readTree(previous.read(id), "tree " + hexId.substring(0, 16));
    return new Listing(id, 0, tree);
  }

  /** Marks failures of reading the file, so they are not taken for failures of writing the volume. */
  private static final class FileReadException extends IOException {
    final IOException cause;

    FileReadException(IOException cause) {
      super(cause.getMessage(), cause);
      this.cause = cause;
    }
  }

  /**
   * A file's bytes up to the length {@code lstat} gave before the read, read failures marked as the
   * file's. Bytes appended while the file is read are left for the next backup, as tar and
   * pg_basebackup do: a file that grows faster than it can be read (a busy log) would otherwise keep
   * the backup reading, and the volume filling, for as long as it grows. The growth is reported, since
   * the size after the read differs.
   */
  private static final class FileInput extends FilterInputStream {
    private long left;

    FileInput(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      try {
        int b = super.read();
        if (b >= 0) {
          left--;
        }
        return b;
      } catch (IOException e) {
        throw new FileReadException(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return len == 0 ? 0 : -1;
      }
      try {
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      } catch (IOException e) {
        throw new FileReadException(e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), left);
    }
  }
}
