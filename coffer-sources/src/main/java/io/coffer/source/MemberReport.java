package io.coffer.source;

import java.util.List;

/**
 * One database captured by a backup.
 *
 * @param database its name on the node (for SQLite, its path as selected)
 * @param sizeBytes its size on the node when the backup started
 * @param streams the streams that belong to it, in restore order
 * @param tables per-table row counts and content checksums; empty for SCHEMA backups
 */
public record MemberReport(
    String database, long sizeBytes, List<String> streams, List<TableReport> tables) {

  public MemberReport {
    streams = streams == null ? List.of() : List.copyOf(streams);
    tables = tables == null ? List.of() : List.copyOf(tables);
  }
}
