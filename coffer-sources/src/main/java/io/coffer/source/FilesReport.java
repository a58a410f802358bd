package io.coffer.source;

import java.util.List;

/**
 * What a {@code FILES} backup copied and how, kept in its {@link BackupReport}: the restore needs the
 * tree's name, the verification the counts, and the user the quiesce steps and the downtime.
 *
 * @param dataDirectory the directory that was backed up
 * @param tree the name of the tree entry that holds it
 * @param quiesce the quiesce method
 * @param quiesceSteps what the method ran and found, one sentence each
 * @param downtimeMillis how long the database was stopped (stop-start); 0 for the other methods
 * @param files regular files in the tree
 * @param bytes bytes of all files
 * @param reused files taken unread from the parent backup (levels 1–9)
 * @param onChange what a file that changed while read does: {@code warn} or {@code fail}
 * @param changed files that changed while they were read, with what differed (stored as read)
 * @param vanished files deleted between listing and reading (left out)
 * @param skipped fifos, sockets and devices (left out)
 * @param recovered what was undone of an earlier run that was killed
 */
public record FilesReport(
    String dataDirectory,
    String tree,
    String quiesce,
    List<String> quiesceSteps,
    long downtimeMillis,
    long files,
    long bytes,
    long reused,
    String onChange,
    List<String> changed,
    List<String> vanished,
    List<String> skipped,
    List<String> recovered) {

  public FilesReport {
    quiesceSteps = quiesceSteps == null ? List.of() : List.copyOf(quiesceSteps);
    changed = changed == null ? List.of() : List.copyOf(changed);
    vanished = vanished == null ? List.of() : List.copyOf(vanished);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
    recovered = recovered == null ? List.of() : List.copyOf(recovered);
  }
}
