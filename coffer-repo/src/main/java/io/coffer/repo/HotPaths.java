package io.coffer.repo;

/**
 * Which of a volume's per-byte paths its opening compiles on purpose while the key is derived
 * ({@link Warmup}): none, those of reading (opening seals and hashing ids, where the JDK does them),
 * or those of writing too (the chunker and the encoder besides).
 */
public enum HotPaths {
  NONE,
  /**
   * For a restore: it opens seals, hashes ids and decodes, never chunks or encodes; where libcrypto
   * does the sealing and hashing nothing of it is Java worth compiling ahead, and a warm-up would
   * only take a core from the command's start.
   */
  READING,
  READING_AND_WRITING
}
