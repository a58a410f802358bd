package io.coffer.repo.backend;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Stores the files of one volume. Implementations are thread-safe.
 *
 * <p>Contract (held by the conformance suite every backend runs): {@link #save} is atomic and
 * durable — a reader sees the whole file or none of it, and after it returns the file survives a
 * crash; saving an existing name replaces it atomically. A missing file makes {@link #load}, {@link
 * #loadRange}, {@link #stat} throw {@link NoSuchFileException}; {@link #remove} of a missing file is
 * not an error. {@link #list} never returns temporary or partial files.
 */
public interface Backend extends Closeable {

  /** Human-readable location, e.g. a path or {@code s3://bucket/prefix}. Never contains secrets. */
  String location();

  void save(Handle handle, byte[] data) throws IOException;

  byte[] load(Handle handle) throws IOException;

  /** Reads {@code length} bytes at {@code offset}; fails if the file is shorter. */
  byte[] loadRange(Handle handle, long offset, int length) throws IOException;

  /**
   * Reads {@code length} bytes at {@code offset} into the start of {@code into} (a reused array, at
   * least that long), as {@link #loadRange(Handle, long, int)} does; backends that can read into it
   * directly spare the new array.
   */
  default void loadRange(Handle handle, long offset, int length, byte[] into) throws IOException {
    System.arraycopy(loadRange(handle, offset, length), 0, into, 0, length);
  }

  /**
   * Reads {@code length} bytes at {@code offset} into the start of the direct buffer {@code into} (at
   * least that long; its position and limit are left as they are): a restore decrypts and decodes
   * there without copying into and out of the Java heap. Backends that read files into it directly
   * spare the array this default loads into.
   */
  default void loadRange(Handle handle, long offset, int length, java.nio.ByteBuffer into) throws IOException {
    into.put(0, loadRange(handle, offset, length), 0, length);
  }

  /** The size of the file in bytes. */
  long stat(Handle handle) throws IOException;

  List<FileInfo> list(FileType type) throws IOException;

  void remove(Handle handle) throws IOException;

  /** True when the volume location holds a config file. */
  /**
   * Tells the backend that {@code length} bytes of {@code handle} from {@code offset} will be read
   * soon, so it can start fetching them; returns at once. Only advice: by default nothing.
   */
  default void willNeed(Handle handle, long offset, long length) {}

  default boolean exists() throws IOException {
    try {
      stat(Handle.CONFIG);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  @Override
  default void close() throws IOException {}
}
