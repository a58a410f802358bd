/**
 * Files on disk as a tree backup sees them: one {@link io.coffer.repo.tree.FileStat} per file (the
 * fields a level backup compares), owner names, extended attributes and ACLs, sparse files, and the
 * options and listener of writing and restoring a tree. The tree blobs themselves are written and
 * read by {@code io.coffer.repo} (TreeWriter, TreeRestorer); this package holds what touches the
 * local filesystem, so that it can be read and tested alone.
 */
package io.coffer.repo.tree;
