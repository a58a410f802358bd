package io.coffer.repo.backend;

import java.util.Optional;

/** Turns a listed path back into a handle, the inverse of {@link Handle#path()}. */
final class HandlePaths {

  private HandlePaths() {}

  /**
   * The handle of {@code type} whose path is exactly {@code relativePath}, or empty for anything
   * else found in the type's folder (stray names, a pack in the wrong {@code xx/} folder), which
   * listing skips rather than fails on.
   */
  static Optional<Handle> parse(FileType type, String relativePath) {
    String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
    try {
      Handle handle = type == FileType.CONFIG ? Handle.CONFIG : new Handle(type, name);
      return handle.path().equals(relativePath) ? Optional.of(handle) : Optional.empty();
    } catch (IllegalArgumentException invalidName) {
      return Optional.empty();
    }
  }
}
