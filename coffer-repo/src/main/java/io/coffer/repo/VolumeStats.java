package io.coffer.repo;

/**
 * Sizes of a volume: logical bytes of all backups against bytes stored in packs; {@code
 * blobsAgainstReferences} of the {@code blobs} are changed chunks stored against earlier ones (format 3).
 */
public record VolumeStats(int backups, long logicalBytes, long storedBytes, double dedupRatio, int packs, long blobs, int indexFiles,
    long blobsAgainstReferences) {}
