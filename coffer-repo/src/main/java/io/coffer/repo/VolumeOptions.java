package io.coffer.repo;

import io.coffer.repo.chunker.ChunkerParams;
import io.coffer.repo.crypto.KdfParams;

/**
 * Choices made once, at {@code volume init}; validated completely here so a bad value never writes
 * anything.
 */
public record VolumeOptions(
    ChunkerParams chunker,
    int compressionLevel,
    ChunkerParams treeChunker,
    int treeCompressionLevel,
    int packSize,
    int segmentSize,
    boolean encrypted,
    KdfParams kdf,
    VolumeFormat format) {

  public static final int MIN_PACK = 1 << 20;
  public static final int MAX_PACK = 1 << 30;

  public VolumeOptions {
    if (packSize < MIN_PACK || packSize > MAX_PACK) {
      throw new IllegalArgumentException("pack size must be between 1 MiB and 1 GiB, got " + packSize);
    }
    if (segmentSize < 64 * 1024 || segmentSize > 8 << 20) {
      throw new IllegalArgumentException("segment size must be between 64 KiB and 8 MiB, got " + segmentSize);
    }
    if (compressionLevel < 0 || compressionLevel > 19) {
      throw new IllegalArgumentException("compression must be zstd:1..19 or none, got zstd:" + compressionLevel);
    }
    if (treeCompressionLevel < 0 || treeCompressionLevel > 19) {
      throw new IllegalArgumentException("tree compression must be zstd:1..19 or none, got zstd:" + treeCompressionLevel);
    }
    if (format == null) {
      throw new IllegalArgumentException("volume format must be 1, 2 or 3, got none");
    }
  }

  /**
   * zstd level 2: on dump-like data it stores as small as level 3 and compresses about a quarter
   * faster, and compression is the ingest bottleneck on two cores (docs/benchmarks.md).
   */
  public static final int DEFAULT_COMPRESSION = 2;

  /**
   * zstd level 3 for the files of trees: a data directory's pages are not a dump's text, and there
   * level 3 stores ~1.7% less than level 2 (pgBackRest's default level, and its size, which issue 10
   * asks Coffer not to exceed) for about 5% more CPU in a PHYSICAL backup (docs/benchmarks.md, "Trees
   * cut and compressed for themselves").
   */
  public static final int DEFAULT_TREE_COMPRESSION = 3;

  /** Defaults chosen by the benchmarks in docs/benchmarks.md. */
  public static VolumeOptions defaults() {
    return new VolumeOptions(ChunkerParams.DEFAULT, DEFAULT_COMPRESSION, ChunkerParams.TREES, DEFAULT_TREE_COMPRESSION,
        16 << 20, 1 << 20, true, KdfParams.defaults(), VolumeFormat.DEFAULT);
  }

  public VolumeOptions withChunker(ChunkerParams c) {
    return new VolumeOptions(c, compressionLevel, treeChunker, treeCompressionLevel, packSize, segmentSize, encrypted, kdf, format);
  }

  public VolumeOptions withCompression(int level) {
    return new VolumeOptions(chunker, level, treeChunker, treeCompressionLevel, packSize, segmentSize, encrypted, kdf, format);
  }

  public VolumeOptions withPackSize(int size) {
    return new VolumeOptions(chunker, compressionLevel, treeChunker, treeCompressionLevel, size, segmentSize, encrypted, kdf, format);
  }

  public VolumeOptions withEncryption(boolean on) {
    return new VolumeOptions(chunker, compressionLevel, treeChunker, treeCompressionLevel, packSize, segmentSize, on, on ? kdf : KdfParams.none(), format);
  }

  public VolumeOptions withKdf(KdfParams k) {
    return new VolumeOptions(chunker, compressionLevel, treeChunker, treeCompressionLevel, packSize, segmentSize, encrypted, k, format);
  }

  public VolumeOptions withFormat(VolumeFormat f) {
    return new VolumeOptions(chunker, compressionLevel, treeChunker, treeCompressionLevel, packSize, segmentSize, encrypted, kdf, f);
  }

  /** The chunk sizes of trees' files. */
  public VolumeOptions withTreeChunker(ChunkerParams c) {
    return new VolumeOptions(chunker, compressionLevel, c, treeCompressionLevel, packSize, segmentSize, encrypted, kdf, format);
  }

  /** The zstd level of trees' files, 0 for none. */
  public VolumeOptions withTreeCompression(int level) {
    return new VolumeOptions(chunker, compressionLevel, treeChunker, level, packSize, segmentSize, encrypted, kdf, format);
  }
}
