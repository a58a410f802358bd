package io.coffer.repo;

/** What prune removed or rewrote (or, on a dry run, would). */
public record PruneReport(
    boolean dryRun, int packsDeleted, int packsRepacked, long blobsRemoved, long bytesFreed, long bytesRepacked, int indexFilesReplaced, int leftoversRemoved) {}
