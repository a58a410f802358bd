package io.coffer.repo;

import io.coffer.repo.chunker.ChunkerParams;

/** The plaintext {@code config} file of a volume (docs/repository-format.md, "config"). */
public record VolumeConfig(
    int format,
    String id,
    String created,
    Chunker chunker,
    Compression compression,
    Trees trees,
    int packSize,
    int segmentSize,
    String encryption) {

  public static final String AES_GCM = "aes-256-gcm";
  public static final String NONE = "none";

  public record Chunker(String algorithm, int min, int avg, int max) {
    public ChunkerParams params() {
      return new ChunkerParams(min, avg, max);
    }
  }

  public record Compression(String algorithm, int level) {
    int zstdLevel() {
      return "zstd".equals(algorithm) ? level : 0;
    }
  }

  /**
   * How the files of trees (FILES and PHYSICAL backups) are cut and compressed. Absent from volumes
   * made before 2026-12-07: their trees' files are cut and compressed as streams are, and stay so.
   * Only writers read it: a reader needs neither chunk sizes nor compression levels.
   */
  public record Trees(Chunker chunker, Compression compression) {}

  /** The format version the volume is read and written in; {@link Volume#readConfig} refused unknown ones. */
  public VolumeFormat volumeFormat() {
    return VolumeFormat.of(format);
  }

  public boolean encrypted() {
    return AES_GCM.equals(encryption);
  }

  public int compressionLevel() {
    return compression.zstdLevel();
  }

  /** The chunker of trees' files: the volume's own where the config names none for them. */
  public Chunker treeChunker() {
    return trees == null || trees.chunker() == null ? chunker : trees.chunker();
  }

  /** The zstd level of trees' files (0 for none): the volume's own where the config names none for them. */
  public int treeCompressionLevel() {
    return trees == null || trees.compression() == null ? compressionLevel() : trees.compression().zstdLevel();
  }
}
