package io.coffer.repo.backend;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A volume held in memory, for tests.
 *
 * <p>Design: one concurrent map from {@link Handle#path()} to the file, keyed by path as the other
 * backends are. Arrays are copied on the way in and out so that a caller mutating its buffer cannot
 * change a stored file, as with a real backend. A map {@code put} replaces atomically, which gives
 * {@link #save} the contract's atomicity for free.
 */
public final class MemoryBackend implements Backend {

  private record StoredFile(Handle handle, byte[] data) {}

  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public void save(Handle handle, byte[] data) {
    files.put(handle.path(), new StoredFile(handle, data.clone()));
  }

  @Override
  public byte[] load(Handle handle) throws IOException {
    return get(handle).clone();
  }

  @Override
  public byte[] loadRange(Handle handle, long offset, int length) throws IOException {
    Ranges.checkArguments(handle, offset, length);
    byte[] data = get(handle);
    if (offset + length > data.length) {
      throw Ranges.beyondEnd(handle.path(), data.length, offset, length);
    }
    return Arrays.copyOfRange(data, (int) offset, (int) offset + length);
  }

  @Override
  public long stat(Handle handle) throws IOException {
    return get(handle).length;
  }

  @Override
  public List<FileInfo> list(FileType type) {
    return files.values().stream()
        .filter(f -> f.handle().type() == type)
        .map(f -> new FileInfo(f.handle(), f.data().length))
        .toList();
  }

  @Override
  public void remove(Handle handle) {
    files.remove(handle.path());
  }

  private byte[] get(Handle handle) throws NoSuchFileException {
    StoredFile file = files.get(handle.path());
    if (file == null) {
      throw new NoSuchFileException(handle.path());
    }
    return file.data();
  }
}
