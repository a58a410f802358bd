package io.coffer.repo.tree;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.coffer.repo.NativeBinding;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.IntUnaryOperator;

/**
 * What trees take from the C library where it is bound: a restored file's attributes, and advice to
 * the kernel to start reading a file a backup is about to read.
 *
 * <p>{@link #setAttributes}: a restored file's or directory's owner, mode and modification time, set
 * through one descriptor: {@code open(O_NOFOLLOW)}, {@code fchown}, {@code fchmod}, {@code futimens},
 * {@code close}. Why: through the JDK's views the same three attributes take ten system calls per
 * file (two {@code lchown}s for owner and group; open, fchmod and close for the mode; lstat, open,
 * fstat, futimens and close for the time, the fstat to keep an access time the caller did not give),
 * and each view call builds its own objects. On a restore of many small files they were about an
 * eighth of the writer threads' CPU (docs/benchmarks.md, "A restored file's attributes in five
 * calls").
 *
 * <p>Semantics kept from the JDK's path: nothing is followed (a symlink planted where the file was
 * fails the open with ELOOP), the owner is set before the mode (chown clears set-user-id bits), the
 * access time is left as it is ({@code UTIME_OMIT}), times keep their nanoseconds. Symlinks are never
 * given to this class. Bound only on Linux on x86-64 and aarch64, whose flag values are written below;
 * anywhere else, or with {@code -Dcoffer.libc=java}, {@link #available()} is false: restores use the
 * JDK's views and backups read without advice.
 *
 * <p>{@link #willNeed}: {@code posix_fadvise(POSIX_FADV_WILLNEED)}, for a backup's read-ahead
 * ({@code ReadAhead}): the kernel starts reading and returns at once.
 *
 * <p>{@link #syncFileSystem}: {@code syncfs}, for a restore's last step ({@link DiskSync}), and
 * {@link #startWriteback} ahead of it.
 */
public final class NativeFiles {

  private static final String LIBRARY = "libc.so.6";
  private static final int O_RDONLY = 0;
  /** O_NOFOLLOW differs between the two architectures; O_CLOEXEC does not. */
  private static final int O_NOFOLLOW = "aarch64".equals(Platform.ARCH) ? 0100000 : 0400000;
  private static final int O_CLOEXEC = 02000000;
  /** O_DIRECTORY differs too. */
  private static final int O_DIRECTORY = "aarch64".equals(Platform.ARCH) ? 040000 : 0200000;
  /** A fifo opened for advice must not wait for a writer. */
  private static final int O_NONBLOCK = 04000;
  private static final int POSIX_FADV_WILLNEED = 3;
  private static final int SYNC_FILE_RANGE_WRITE = 2;
  private static final long UTIME_OMIT = (1L << 30) - 2L;
  private static final int ENOENT = 2;
  private static final int EACCES = 13;
  private static final int EPERM = 1;
  private static final int ELOOP = 40;
  private static final int ENOTDIR = 20;
  private static final int EIO = 5;
  private static final boolean AVAILABLE = bind();
  /** File names are encoded as the JDK encodes them for system calls. */
  private static final Charset NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

  private NativeFiles() {}

  /** Whether the C library is bound in this JVM. */
  public static boolean available() {
    return AVAILABLE;
  }

  /**
   * Sets what is given of {@code path}'s attributes: owner and group unless {@code uid} and {@code gid}
   * are both -1 (-1 alone leaves that one as it is), the permission bits unless {@code mode} is -1,
   * the modification time unless {@code mtime} is null.
   */
  public static void setAttributes(Path path, int uid, int gid, int mode, Instant mtime) throws IOException {
    byte[] name = cString(path);
    int fd = open(name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
    if (fd < 0) {
      throw failure(path, "open", Native.getLastError());
    }
    try {
      if ((uid != -1 || gid != -1) && fchown(fd, uid, gid) != 0) {
        throw failure(path, "chown", Native.getLastError());
      }
      if (mode != -1 && fchmod(fd, mode) != 0) {
        throw failure(path, "chmod", Native.getLastError());
      }
      if (mtime != null) {
        long[] times = {0, UTIME_OMIT, mtime.getEpochSecond(), mtime.getNano()};
        if (futimens(fd, times) != 0) {
          throw failure(path, "futimens", Native.getLastError());
        }
      }
    } finally {
      close(fd);
    }
  }

  /**
   * Asks the kernel to start reading the first {@code bytes} of {@code path} into the page cache, and
   * returns at once; false when it could not be asked (the path is gone, unreadable, a symlink, not a
   * file), which costs nothing but the advice.
   */
  public static boolean willNeed(Path path, long bytes) {
    return willNeed(path, 0, bytes);
  }

  /** The same for the {@code bytes} of {@code path} from {@code offset}. */
  public static boolean willNeed(Path path, long offset, long bytes) {
    return advise(path, O_NONBLOCK, fd -> posix_fadvise(fd, offset, bytes, POSIX_FADV_WILLNEED));
  }

  /**
   * Asks the kernel to start writing {@code length} bytes of {@code path} from {@code offset} to disk
   * ({@code sync_file_range(SYNC_FILE_RANGE_WRITE)}), without waiting for it; false when it could not
   * be asked. So a restore's later {@link #syncFileSystem} finds most of a large file written, as
   * PostgreSQL starts the writeback of the files it will sync.
   */
  public static boolean startWriteback(Path path, long offset, long length) {
    return advise(path, 0, fd -> sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE));
  }

  /**
   * Opens {@code path} for reading (never through a symlink; {@code flags} added), makes the call
   * with its descriptor and closes it: whether it could be opened and the call returned 0. For
   * advice, whose failure costs nothing but the advice.
   */
  private static boolean advise(Path path, int flags, IntUnaryOperator call) {
    int fd = open(cString(path), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | flags, 0);
    if (fd < 0) {
      return false;
    }
    try {
      return call.applyAsInt(fd) == 0;
    } finally {
      close(fd);
    }
  }

  /**
   * Writes to disk whatever the kernel holds unwritten for the filesystem that holds the directory
   * {@code dir} ({@code syncfs}), and returns once it is written; throws when the directory cannot be
   * opened or the kernel reports a write error (Linux 5.8 and later report those to syncfs).
   */
  public static void syncFileSystem(Path dir) throws IOException {
    int fd = open(cString(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (fd < 0) {
      throw failure(dir, "open", Native.getLastError());
    }
    try {
      if (syncfs(fd) != 0) {
        throw failure(dir, "syncfs", Native.getLastError());
      }
    } finally {
      close(fd);
    }
  }

  private static byte[] cString(Path path) {
    byte[] bytes = path.toString().getBytes(NAMES);
    byte[] c = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, c, 0, bytes.length);
    return c;
  }

  /** The exceptions the JDK's views throw for the same errors. */
  private static IOException failure(Path path, String call, int errno) {
    return switch (errno) {
      case ENOENT -> new NoSuchFileException(path.toString());
      case EACCES -> new AccessDeniedException(path.toString(), null, call + ": permission denied");
      case EPERM -> new AccessDeniedException(path.toString(), null, call + ": operation not permitted");
      case ELOOP -> new FileSystemException(path.toString(), null, "is a symbolic link; not followed");
      case ENOTDIR -> new NotDirectoryException(path.toString());
      case EIO -> new FileSystemException(path.toString(), null, call + ": input/output error (errno 5)");
      default -> new FileSystemException(path.toString(), null, call + " failed (errno " + errno + ")");
    };
  }

  private static boolean bind() {
    return Platform.isLinux() && (Platform.ARCH.equals("x86-64") || Platform.ARCH.equals("aarch64"))
        && NativeBinding.register(NativeFiles.class, LIBRARY, "coffer.libc");
  }

  /** fcntl.h: int open(const char *pathname, int flags, mode_t mode). */
  private static native int open(byte[] pathname, int flags, int mode);

  /** unistd.h: int fchown(int fd, uid_t owner, gid_t group). */
  private static native int fchown(int fd, int owner, int group);

  /** sys/stat.h: int fchmod(int fd, mode_t mode). */
  private static native int fchmod(int fd, int mode);

  /** sys/stat.h: int futimens(int fd, const struct timespec times[2]); a timespec is two longs here. */
  private static native int futimens(int fd, long[] times);

  /** fcntl.h: int posix_fadvise(int fd, off_t offset, off_t len, int advice); off_t is 64 bits here. */
  private static native int posix_fadvise(int fd, long offset, long len, int advice);

  /** fcntl.h: int sync_file_range(int fd, off64_t offset, off64_t nbytes, unsigned int flags). */
  private static native int sync_file_range(int fd, long offset, long nbytes, int flags);

  /** unistd.h: int syncfs(int fd). */
  private static native int syncfs(int fd);

  /** unistd.h: int close(int fd). */
  private static native int close(int fd);
}
