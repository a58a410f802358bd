package io.coffer.repo.backend;

import java.io.IOException;
import java.util.ArrayList;
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
  private final Map<Operation, Map<FileType, Integer>> callsByType = new EnumMap<>(Operation.class);
  private final Map<Operation, Set<Integer>> failingCalls = new EnumMap<>(Operation.class);
  private final List<Hook> hooks = new ArrayList<>();
  private long spaceLeft = Long.MAX_VALUE;

  private record Hook(Operation operation, FileType type, Runnable action) {}
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

  /**
   * Runs {@code hook} once, just before the first call of {@code operation} on a file of {@code type}
   * (outside the wrapper's lock, so the hook may use the volume): a test's way to act at a chosen
   * moment, such as a backup arriving while a prune deletes packs.
   */
  public synchronized FaultyBackend onceBefore(Operation operation, FileType type, Runnable hook) {
    hooks.add(new Hook(operation, type, hook));
    return this;
  }

  /** How many times {@code operation} has been called, failed calls included. */
  public synchronized int calls(Operation operation) {
    return calls.getOrDefault(operation, 0);
  }

  /** How many times {@code operation} has been called on files of {@code type}, failed calls included. */
  public synchronized int calls(Operation operation, FileType type) {
    return callsByType.getOrDefault(operation, Map.of()).getOrDefault(type, 0);
  }

  @Override
  public String location() {
    return inner.location();
  }

  @Override
  public void save(Handle handle, byte[] data) throws IOException {
    runHooks(Operation.SAVE, handle.type());
    enter(Operation.SAVE, handle.type(), handle.path());
    useSpace(handle, data.length);
    inner.save(handle, data);
  }

  @Override
  public byte[] load(Handle handle) throws IOException {
    runHooks(Operation.LOAD, handle.type());
    enter(Operation.LOAD, handle.type(), handle.path());
    return inner.load(handle);
  }

  @Override
  public byte[] loadRange(Handle handle, long offset, int length) throws IOException {
    runHooks(Operation.LOAD_RANGE, handle.type());
    enter(Operation.LOAD_RANGE, handle.type(), handle.path());
    return inner.loadRange(handle, offset, length);
  }

  @Override
  public long stat(Handle handle) throws IOException {
    runHooks(Operation.STAT, handle.type());
    enter(Operation.STAT, handle.type(), handle.path());
    return inner.stat(handle);
  }

  @Override
  public List<FileInfo> list(FileType type) throws IOException {
    runHooks(Operation.LIST, type);
    enter(Operation.LIST, type, type.folder());
    return inner.list(type);
  }

  @Override
  public void remove(Handle handle) throws IOException {
    runHooks(Operation.REMOVE, handle.type());
    enter(Operation.REMOVE, handle.type(), handle.path());
    inner.remove(handle);
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }

  private void runHooks(Operation operation, FileType type) {
    List<Hook> due = new ArrayList<>();
    synchronized (this) {
      hooks.removeIf(h -> h.operation() == operation && h.type() == type && due.add(h));
    }
    due.forEach(h -> h.action().run());
  }

  private synchronized void enter(Operation operation, FileType type, String path) throws IOException {
    int n = calls.merge(operation, 1, Integer::sum);
    callsByType.computeIfAbsent(operation, o -> new EnumMap<>(FileType.class)).merge(type, 1, Integer::sum);
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
