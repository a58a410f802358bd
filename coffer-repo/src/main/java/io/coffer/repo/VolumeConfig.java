package io.coffer.repo;

import io.coffer.repo.chunker.ChunkerParams;

/** The plaintext {@code config} file of a volume (docs/repository-format.md, "config"). */
public record VolumeConfig(
    int format,
    String id,
    String created,
    Chunker chunker,
    Compression compression,
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

  public record Compression(String algorithm, int level) {}

  /** The format version the volume is read and written in; {@link Volume#readConfig} refused unknown ones. */
  public VolumeFormat volumeFormat() {
    return VolumeFormat.of(format);
  }

  public boolean encrypted() {
    return AES_GCM.equals(encryption);
  }

  public int compressionLevel() {
    return "zstd".equals(compression.algorithm()) ? compression.level() : 0;
  }
}
