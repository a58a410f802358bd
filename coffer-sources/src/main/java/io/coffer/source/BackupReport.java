package io.coffer.source;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.time.Instant;
import java.util.List;

/**
 * What a driver captured, returned by a successful backup. Plain data that serializes to JSON (see
 * {@link SourceJson}); the engine stores it with the backup and hands it back to restore and verify.
 * It holds no secret: password hashes live only in the streams.
 *
 * @param layout version of the stream layout, so a newer Coffer can still read old backups
 * @param engine the node's engine
 * @param kind the backup kind
 * @param node the node's label ({@code host:port} or the data directory)
 * @param serverVersion the server's version (SQLite: the library's)
 * @param toolVersion the dump tool's version (pg_dump, mariadb-dump, sqlite-jdbc)
 * @param startedAt when the backup started
 * @param finishedAt when the last stream was closed
 * @param consistency what is guaranteed about the members being captured at one instant
 * @param roles roles (PostgreSQL) or accounts (MariaDB) captured with the backup, exactly named
 * @param members the databases, in the order resolved
 * @param streams every stream written, with size and SHA-256
 * @param files for a {@code FILES} backup, the directory copied and how; null for the other kinds
 */
public record BackupReport(
    int layout,
    Engine engine,
    Kind kind,
    String node,
    String serverVersion,
    String toolVersion,
    Instant startedAt,
    Instant finishedAt,
    String consistency,
    List<String> roles,
    List<MemberReport> members,
    List<StreamReport> streams,
    FilesReport files) {

  /** The stream layout this code writes. */
  public static final int LAYOUT = 1;

  public BackupReport {
    roles = roles == null ? List.of() : List.copyOf(roles);
    members = members == null ? List.of() : List.copyOf(members);
    streams = streams == null ? List.of() : List.copyOf(streams);
  }

  /** The report of a logical backup (streams, no directory tree). */
  public BackupReport(int layout, Engine engine, Kind kind, String node, String serverVersion, String toolVersion,
      Instant startedAt, Instant finishedAt, String consistency, List<String> roles, List<MemberReport> members,
      List<StreamReport> streams) {
    this(layout, engine, kind, node, serverVersion, toolVersion, startedAt, finishedAt, consistency, roles, members,
        streams, null);
  }

  /** Fails unless this backup can be restored by the driver of the given engine. */
  public void requireEngine(Engine target) throws SourceException {
    if (engine != target) {
      throw new SourceException(
          SourceException.Reason.INVALID_REQUEST,
          "backup is of engine " + engine.id() + ", the target node is " + target.id());
    }
  }

  /** Total bytes over all streams. */
  public long totalBytes() {
    return streams.stream().mapToLong(StreamReport::bytes).sum();
  }
}
