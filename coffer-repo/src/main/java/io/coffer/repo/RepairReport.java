package io.coffer.repo;

import java.util.List;

/** What repair-index read and wrote; damaged packs could not be read and are left in place for inspection. */
public record RepairReport(int packsRead, long blobs, int indexFilesWritten, int indexFilesRemoved, List<String> damagedPacks) {}
