package io.coffer.source.postgres;

import io.coffer.source.TreeSink;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

/**
 * A tree sink that copies the directory into {@code target} (modes, times and owners kept, symlinks
 * as symlinks): the driver-level stand-in for the volume's tree writer, whose restore would leave the
 * same directory. The engine's tests run the same backups through a real volume.
 */
final class DirectoryTreeSink implements TreeSink {

  private final Path target;

  DirectoryTreeSink(Path target) {
    this.target = target;
  }

  @Override
  public TreeWritten tree(String name, Path directory, Predicate<String> leaveOut, FileEvents events)
      throws IOException {
    long[] counts = new long[2];
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        String rel = directory.relativize(dir).toString();
        if (!rel.isEmpty() && leaveOut.test(rel)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Path to = target.resolve(rel);
        Files.createDirectories(to);
        Files.copy(dir, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
            LinkOption.NOFOLLOW_LINKS);
        owner(dir, to);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = directory.relativize(file).toString();
        if (leaveOut.test(rel)) {
          return FileVisitResult.CONTINUE;
        }
        try {
          Files.copy(file, target.resolve(rel), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
          owner(file, target.resolve(rel));
        } catch (NoSuchFileException e) {
          events.vanished(rel);
          return FileVisitResult.CONTINUE;
        }
        counts[0]++;
        counts[1] += attrs.size();
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        events.vanished(directory.relativize(file).toString());
        return FileVisitResult.CONTINUE;
      }
    });
    return new TreeWritten(name, counts[1], counts[0], 0);
  }

  private static void owner(Path from, Path to) throws IOException {
    Files.setAttribute(to, "unix:uid", Files.getAttribute(from, "unix:uid", LinkOption.NOFOLLOW_LINKS),
        LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(to, "unix:gid", Files.getAttribute(from, "unix:gid", LinkOption.NOFOLLOW_LINKS),
        LinkOption.NOFOLLOW_LINKS);
  }
}
