package io.coffer.repo.backend;

import java.io.EOFException;

/** Argument checks and the short-file error shared by every backend's {@code loadRange}. */
final class Ranges {

  private Ranges() {}

  static void checkArguments(Handle handle, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "range of " + handle.path() + " must have offset ≥ 0 and length ≥ 0, got offset "
              + offset + ", length " + length);
    }
  }

  static EOFException beyondEnd(String file, long size, long offset, int length) {
    return new EOFException(
        file + " has " + size + " bytes; cannot read " + length + " bytes at offset " + offset);
  }
}
