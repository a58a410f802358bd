/**
 * Backup manifests, stream contents (inline or id-list blobs) and directory trees, with the text of
 * their file times ({@link io.coffer.repo.manifest.IsoInstant}).
 */
package io.coffer.repo.manifest;
