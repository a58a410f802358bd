package io.coffer.repo.tree;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A restore's last step before it is reported done: what it wrote is made durable, so a machine that
 * loses power once a restore has succeeded does not come back with empty or half-written files
 * (ext4's delayed allocation keeps a fresh file's blocks in memory for up to half a minute) while
 * the catalog says the restore succeeded and the old copy has been thrown away.
 *
 * <p>Where the C library is bound, one {@code syncfs} per filesystem: the kernel writes back every
 * restored file at once, in the order it chooses, with one journal commit. Why not a {@code fsync}
 * per file, as pgBackRest and {@code pg_basebackup} do: on a disk that honours flushes, each fsync
 * of ext4 waits for a journal commit of its own, and a FILES restore writes tens of thousands of
 * files. PostgreSQL offers the same choice for the same reason ({@code recovery_init_sync_method =
 * syncfs}). Its cost: it also writes back what other programs left unwritten on that filesystem.
 * Elsewhere every regular file and directory below the target is opened and forced, symlinks never
 * followed.
 */
public final class DiskSync {

  private DiskSync() {}

  /** Makes what is written below {@code dir} durable; throws when that cannot be done or reported. */
  public static void sync(Path dir) throws IOException {
    if (NativeFiles.available()) {
      NativeFiles.syncFileSystem(dir);
    } else {
      forceEach(dir);
    }
  }

  /** The portable way: every regular file and directory below {@code dir}, one by one. */
  static void forceEach(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          try {
            force(file);
          } catch (AccessDeniedException e) {
            // A file its owner may not read (mode 0200, not running as root): left to the kernel.
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException failed) throws IOException {
        if (failed != null) {
          throw failed;
        }
        try {
          force(d);
        } catch (IOException e) {
          // Some systems cannot open a directory for its descriptor; its files are forced all the same.
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void force(Path p) throws IOException {
    try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
      c.force(true);
    }
  }
}
