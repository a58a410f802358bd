package io.coffer.repo;

/** Sizes of a volume: logical bytes of all backups against bytes stored in packs. */
public record VolumeStats(int backups, long logicalBytes, long storedBytes, double dedupRatio, int packs, long blobs, int indexFiles) {}
