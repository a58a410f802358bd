package io.coffer.repo.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * One {@code lstat} of a path: never follows a symlink. Read from the JDK's own result where Coffer
 * may ({@link UnixAttributes}), else through the JDK's "unix" attribute view.
 *
 * @param mode permission bits with set-user-id, set-group-id and sticky (07777)
 */
public record FileStat(Type type, long size, FileTime mtime, FileTime ctime, long device, long inode, int links,
    int uid, int gid, int mode) {

  /** What a path is; {@code OTHER} covers fifos, sockets and devices, which trees skip. */
  public enum Type { FILE, DIR, SYMLINK, OTHER }

  private static final String ATTRIBUTES =
      "unix:size,lastModifiedTime,ctime,dev,ino,nlink,uid,gid,mode,isRegularFile,isDirectory,isSymbolicLink";
  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;

  /** Reads the attributes of {@code path} itself (a symlink is not followed). */
  public static FileStat of(Path path) throws IOException {
    FileStat direct = UnixAttributes.read(path);
    return direct != null ? direct : viaAttributeView(path);
  }

  /** The same through the JDK's "unix" attribute view (a map of boxed values per path). */
  static FileStat viaAttributeView(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    return new FileStat(type(mode), (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"),
        (FileTime) a.get("ctime"), (Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("nlink"),
        (Integer) a.get("uid"), (Integer) a.get("gid"), mode & 07777);
  }

  static Type type(int mode) {
    return switch (mode & S_IFMT) {
      case S_IFREG -> Type.FILE;
      case S_IFDIR -> Type.DIR;
      case S_IFLNK -> Type.SYMLINK;
      default -> Type.OTHER;
    };
  }

  /**
   * True when the file was not written in between: same size, mtime, ctime and inode. The ctime
   * catches a writer that set the mtime back; the inode catches a file replaced by a rename.
   */
  public boolean sameVersion(FileStat later) {
    return size == later.size && mtime.equals(later.mtime) && ctime.equals(later.ctime) && inode == later.inode;
  }

  /** What differs from a later stat of the same path, in words, for a "changed while read" report. */
  public String differences(FileStat later) {
    StringBuilder out = new StringBuilder();
    if (size != later.size) {
      out.append("size ").append(size).append(" -> ").append(later.size).append("; ");
    }
    if (!mtime.equals(later.mtime)) {
      out.append("mtime ").append(mtime).append(" -> ").append(later.mtime).append("; ");
    }
    if (!ctime.equals(later.ctime)) {
      out.append("ctime changed; ");
    }
    if (inode != later.inode) {
      out.append("replaced (inode ").append(inode).append(" -> ").append(later.inode).append("); ");
    }
    return out.length() == 0 ? "unchanged" : out.substring(0, out.length() - 2);
  }
}
