/**
 * Where each blob lives: index files on the volume and the compact in-memory table built from them
 * (about 60 bytes a blob, no object per blob), plus the live-blob marks prune needs.
 */
package io.coffer.repo.index;
