package io.coffer.repo.tree;

import java.nio.file.Path;
import java.util.List;

/**
 * What a tree restore did.
 *
 * @param target the directory restored into
 * @param files regular files written (hard links included)
 * @param excluded paths left out by the exclude patterns (lock and pid files)
 * @param warnings what could not be restored exactly (extended attributes a filesystem refused)
 */
public record TreeRestore(Path target, long files, List<String> excluded, List<String> warnings) {}
