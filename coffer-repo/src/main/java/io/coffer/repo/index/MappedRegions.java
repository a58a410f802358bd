package io.coffer.repo.index;

import io.coffer.repo.VolumeException;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory outside the Java heap for {@link CompactIndex}: each region is a shared mapping of a new
 * file in one directory, deleted as soon as it is open, so the kernel's page cache keeps it resident
 * while RAM allows and writes it out and drops it when RAM is short, and a crash leaves nothing
 * behind. No file descriptor stays open: the mapping outlives its channel.
 *
 * <p>The directory should be on a disk: java.io.tmpdir is often a tmpfs, which holds its pages in RAM
 * (or swap). A sparse region takes disk space only as it is written; a full disk shows as an {@link
 * InternalError} at the write that needed a block, which {@link CompactIndex} reports as a {@link
 * VolumeException}.
 *
 * <p>Java 17 cannot unmap a buffer: {@link #unmap} asks {@code sun.misc.Unsafe.invokeCleaner}
 * (module jdk.unsupported, open to the class path), and where that is missing leaves the unmapping
 * to the garbage collector. Touching an unmapped region crashes the JVM, so whoever unmaps must know
 * no thread still reads it ({@link MasterIndex} holds its write lock).
 */
final class MappedRegions {

  private static final Logger LOG = LoggerFactory.getLogger(MappedRegions.class);
  private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

  private final Path directory;

  /** Regions in {@code directory}, created (with its parents) here. */
  MappedRegions(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new VolumeException("cannot create the directory " + directory + " for the volume's index: " + e, e);
    }
  }

  /** java.io.tmpdir: for library uses that name no directory (tests, benchmarks). */
  static Path temporaryDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  Path directory() {
    return directory;
  }

  /** A new zeroed region of {@code bytes}, little-endian. */
  MappedByteBuffer map(long bytes) {
    try {
      Path file = Files.createTempFile(directory, "coffer-index-", ".map");
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        delete(file);
        MappedByteBuffer region = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
        region.order(ByteOrder.LITTLE_ENDIAN);
        return region;
      }
    } catch (IOException e) {
      throw new VolumeException("cannot map " + bytes + " bytes for the volume's index in " + directory + ": " + e, e);
    }
  }

  /** Releases {@code region} now; the caller never touches it again. */
  static void unmap(ByteBuffer region) {
    if (INVOKE_CLEANER == null) {
      return;
    }
    try {
      INVOKE_CLEANER.invokeExact(region);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot unmap a region of the index", e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      // Systems that refuse to delete an open file (Windows) get it deleted when the JVM exits.
      file.toFile().deleteOnExit();
    }
  }

  private static MethodHandle invokeCleaner() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return MethodHandles.lookup()
          .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
          .bindTo(field.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("the index's mapped regions are released by the garbage collector, not when the index closes: {}", e.toString());
      return null;
    }
  }
}
