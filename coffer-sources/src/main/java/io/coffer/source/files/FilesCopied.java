package io.coffer.source.files;

import io.coffer.source.FilesReport;
import io.coffer.source.TreeSink;
import io.coffer.source.quiesce.QuiesceReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What copying a data directory did.
 *
 * @param quiesce the quiesce steps and the downtime
 * @param tree what the tree holds
 * @param changed files that changed while read, with what differed (stored as read)
 * @param vanished files deleted between listing and reading (left out)
 * @param skipped fifos, sockets and devices (left out)
 * @param recovered what was undone of an earlier run that was killed
 */
public record FilesCopied(QuiesceReport quiesce, TreeSink.TreeWritten tree, List<String> changed,
    List<String> vanished, List<String> skipped, List<String> recovered) {

  /** The part of the backup's report that says what was copied from {@code dataDirectory}, and how. */
  public FilesReport report(Path dataDirectory, ChangePolicy policy) {
    return new FilesReport(dataDirectory.toString(), tree.name(), quiesce.method(), quiesce.steps(),
        quiesce.downtime().toMillis(), tree.files(), tree.bytes(), tree.reused(),
        policy.name().toLowerCase(Locale.ROOT), changed, vanished, skipped, recovered);
  }
}
