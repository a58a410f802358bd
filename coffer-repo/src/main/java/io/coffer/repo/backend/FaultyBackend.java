package io.coffer.repo.backend;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wraps a backend and makes chosen calls fail, so that tests can show what a full disk or a flaky
 * network does to the code above. Lives in the main tree so that other modules' tests can use it.
 *
 * <p>Design: all fault state sits behind one lock, taken only to decide whether a call fails; the
 * inner backend runs outside it. Call numbers count from 1 per operation over the wrapper's life.
 */
public final class FaultyBackend implements Backend {

  /** The operations whose calls can be made to fail. */
  public enum Operation { SAVE, LOAD, LOAD_RANGE, STAT, LIST, REMOVE }

  private final Backend inner;
  private final Map<Operation, Integer> calls = new EnumMap<>(Operation.class);
  private final Map<Operation, Set<Integer>> failingCalls = new EnumMap<>(Operation.class);
  private long spaceLeft = Long.MAX_VALUE;
  private boolean full;

  public FaultyBackend(Backend inner) {
    this.inner = inner;
  }

  /**
   * Saves go through until {@code bytes} more bytes have been saved; a save that does not fit, and
   * every save after it, fails as a full disk does.
   */
  public synchronized FaultyBackend failSavesAfter(long bytes) {
    spaceLeft = bytes;
    full = false;
    return this;
  }

  /** Makes the {@code n}th call of {@code operation} (counting from 1) fail once. */
  public synchronized FaultyBackend failCall(Operation operation, int n) {
    failingCalls.computeIfAbsent(operation, o -> new HashSet<>()).add(n);
    return this;
  }

  /** How many times {@code operation} has been called, failed calls included. */
  public synchronized int calls(Operation operation) {
    return calls.getOrDefault(operation, 0);
  }

  @Override
  public String location() {
    return inner.location();
  }

  @Override
  public void save(Handle handle, byte[] data) throws IOException {
    enter(Operation.SAVE, handle.path());
    useSpace(handle, data.length);
    inner.save(handle, data);
  }

  @Override
  public byte[] load(Handle handle) throws IOException {
    enter(Operation.LOAD, handle.path());
    return inner.load(handle);
  }

  @Override
  public byte[] loadRange(Handle handle, long offset, int length) throws IOException {
    enter(Operation.LOAD_RANGE, handle.path());
    return inner.loadRange(handle, offset, length);
  }

  @Override
  public long stat(Handle handle) throws IOException {
    enter(Operation.STAT, handle.path());
    return inner.stat(handle);
  }

  @Override
  public List<FileInfo> list(FileType type) throws IOException {
    enter(Operation.LIST, type.folder());
    return inner.list(type);
  }

  @Override
  public void remove(Handle handle) throws IOException {
    enter(Operation.REMOVE, handle.path());
    inner.remove(handle);
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }

  private synchronized void enter(Operation operation, String path) throws IOException {
    int n = calls.merge(operation, 1, Integer::sum);
    if (failingCalls.getOrDefault(operation, Set.of()).contains(n)) {
      throw new IOException("injected fault: " + operation + " call " + n + " of " + path);
    }
  }

  private synchronized void useSpace(Handle handle, int bytes) throws IOException {
    if (full || bytes > spaceLeft) {
      full = true;
      throw new IOException(handle.path() + ": No space left on device (injected fault)");
    }
    spaceLeft -= bytes;
  }
}
