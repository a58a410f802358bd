package io.coffer.repo.manifest;

/**
 * What a backup read and added: {@code bytesNew} is the plaintext of blobs the volume did not have,
 * {@code bytesStored} what they cost after compression and encryption.
 */
public record BackupStats(long bytesRead, long bytesNew, long bytesStored, long blobs, long newBlobs, double seconds) {}
