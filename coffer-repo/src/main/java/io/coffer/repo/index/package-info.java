/**
 * Where each blob lives: index files on the volume and the compact table built from them (about 60
 * bytes a blob, in memory-mapped files outside the Java heap, no object per blob).
 */
package io.coffer.repo.index;
