package io.coffer.repo.backend;

import io.coffer.repo.tree.NativeFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A volume in a directory on local disk: each file lives at {@code root/handle.path()}.
 *
 * <p>Design: durability follows docs/repository-format.md. {@link #save} writes {@code
 * <name>.tmp-<random>} beside the target, forces it to disk, renames it over the target (atomic on
 * POSIX filesystems, so readers see the old file or the new one, never a mix) and then forces the
 * directory so that the rename itself survives a crash. Folders ({@code data/xx}) are created on
 * first use and their parents forced too, for the same reason. Writers share nothing in memory:
 * every temporary name is unique, so concurrent saves need no lock, and concurrent saves of the
 * same name end with one of them whole.
 *
 * <p>Temporary files left by a crash are invisible to {@link #list} and deleted by {@link
 * #removeTemporaryFiles}.
 */
public final class LocalBackend implements Backend {

  private static final String TEMPORARY_MARKER = ".tmp-";
  /**
   * The most a save or a load hands the channel at once. The JDK copies between a heap array and a
   * direct buffer of the size it is given, allocated zeroed and kept per thread until the thread
   * ends: whole, a 16 MiB pack cost each backup's upload threads (and each restore's readers) 16 MiB
   * of fresh memory each (page faults and zeroing at every backup of a running agent,
   * docs/benchmarks.md). In slices, that buffer is 1 MiB.
   */
  static final int SLICE = 1 << 20;

  private final Path root;

  public LocalBackend(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public void save(Handle handle, byte[] data) throws IOException {
    Path file = fileOf(handle);
    Path dir = file.getParent();
    createDirectory(dir);
    Path temporary = dir.resolve(file.getFileName() + TEMPORARY_MARKER + randomSuffix());
    try {
      writeDurably(temporary, data);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temporary, e);
      throw e;
    }
    forceDirectory(dir);
  }

  @Override
  public byte[] load(Handle handle) throws IOException {
    Path file = fileOf(handle);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(file + " is too large to load whole: " + size + " bytes");
      }
      byte[] out = new byte[(int) size];
      read(channel, file, 0, ByteBuffer.wrap(out));
      return out;
    }
  }

  @Override
  public byte[] loadRange(Handle handle, long offset, int length) throws IOException {
    byte[] out = new byte[length];
    loadRange(handle, offset, length, out);
    return out;
  }

  @Override
  public void loadRange(Handle handle, long offset, int length, byte[] into) throws IOException {
    loadRangeInto(handle, offset, length, ByteBuffer.wrap(into, 0, length));
  }

  /** Into a direct buffer the kernel copies the file's bytes itself: no bounce through a buffer of the JDK's. */
  @Override
  public void loadRange(Handle handle, long offset, int length, ByteBuffer into) throws IOException {
    loadRangeInto(handle, offset, length, into.duplicate().clear().limit(length));
  }

  /** The kernel starts reading the range into the page cache ({@code posix_fadvise(WILLNEED)}) where the C library is bound. */
  @Override
  public void willNeed(Handle handle, long offset, long length) {
    if (NativeFiles.available()) {
      NativeFiles.willNeed(fileOf(handle), offset, length);
    }
  }

  private void loadRangeInto(Handle handle, long offset, int length, ByteBuffer buffer) throws IOException {
    Ranges.checkArguments(handle, offset, length);
    Path file = fileOf(handle);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset + length > size) {
        throw Ranges.beyondEnd(file.toString(), size, offset, length);
      }
      read(channel, file, offset, buffer);
    }
  }

  /** {@code buffer}'s remaining bytes from {@code offset}, read in slices ({@link #SLICE}). */
  private static void read(FileChannel channel, Path file, long offset, ByteBuffer buffer) throws IOException {
    int length = buffer.limit();
    while (buffer.position() < length) {
      buffer.limit(Math.min(length, buffer.position() + SLICE));
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw Ranges.beyondEnd(file.toString(), channel.size(), offset, length);
      }
    }
  }

  @Override
  public long stat(Handle handle) throws IOException {
    Path file = fileOf(handle);
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new NoSuchFileException(file.toString(), null, "not a regular file");
    }
    return attributes.size();
  }

  @Override
  public List<FileInfo> list(FileType type) throws IOException {
    List<FileInfo> found = new ArrayList<>();
    // data/ has one level of xx/ folders between it and the packs.
    int depth = type == FileType.PACK ? 2 : 1;
    Path start = type == FileType.CONFIG ? root : root.resolve(type.folder());
    walkRegularFiles(start, depth, (file, attributes) -> {
      if (!file.getFileName().toString().contains(TEMPORARY_MARKER)) {
        HandlePaths.parse(type, relativePath(file))
            .ifPresent(handle -> found.add(new FileInfo(handle, attributes.size())));
      }
    });
    return found;
  }

  @Override
  public void remove(Handle handle) throws IOException {
    Files.deleteIfExists(fileOf(handle));
  }

  /**
   * Deletes the temporary files that interrupted saves left behind. Only safe while no other
   * process writes to the volume (prune calls it under the exclusive lock), since a running save's
   * temporary file looks the same.
   *
   * @return how many files were deleted
   */
  public int removeTemporaryFiles() throws IOException {
    int[] removed = {0};
    // The deepest files are packs: root/data/xx/name.
    walkRegularFiles(root, 3, (file, attributes) -> {
      if (file.getFileName().toString().contains(TEMPORARY_MARKER) && Files.deleteIfExists(file)) {
        removed[0]++;
      }
    });
    return removed[0];
  }

  private Path fileOf(Handle handle) {
    return root.resolve(handle.path());
  }

  private String relativePath(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static void writeDurably(Path file, byte[] data) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.position() < data.length) {
        buffer.limit(Math.min(data.length, buffer.position() + SLICE));
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createDirectory(parent);
    }
    Files.createDirectories(dir);
    // The new entry lives in the parent; without forcing it a crash could lose the folder and with
    // it every file later saved there.
    if (parent != null) {
      forceDirectory(parent);
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some filesystems (and all of Windows) refuse to open or force a directory; the rename is
      // then as durable as that filesystem makes it, which is all we can get.
    }
  }

  private static void deleteQuietly(Path file, Exception cause) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  private static String randomSuffix() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  private interface FileAction {
    void accept(Path file, BasicFileAttributes attributes) throws IOException;
  }

  /**
   * Visits the regular files under {@code start} up to {@code depth} levels, without following
   * links. A missing start is an empty folder; files that vanish meanwhile (a concurrent remove)
   * are skipped.
   */
  private static void walkRegularFiles(Path start, int depth, FileAction action)
      throws IOException {
    if (!Files.isDirectory(start)) {
      return;
    }
    Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), depth,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (attributes.isRegularFile()) {
              action.accept(file, attributes);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }
}
