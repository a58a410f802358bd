/** Backup manifests, stream contents (inline or id-list blobs) and directory trees. */
package io.coffer.repo.manifest;
