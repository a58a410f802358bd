package io.coffer.source.files;

import io.coffer.source.TreeSink;
import io.coffer.source.quiesce.QuiesceReport;
import java.util.List;

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
    List<String> vanished, List<String> skipped, List<String> recovered) {}
