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
 * @param physical for a {@code PHYSICAL} backup, what its driver's restore and verification need;
 *     null for the other kinds
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
    FilesReport files,
    PhysicalReport physical) {

  /** The stream layout this code writes. */
  public static final int LAYOUT = 1;

  public BackupReport {
    roles = roles == null ? List.of() : List.copyOf(roles);
    members = members == null ? List.of() : List.copyOf(members);
    streams = streams == null ? List.of() : List.copyOf(streams);
  }

  /** The report of a logical or {@code FILES} backup. */
  public BackupReport(int layout, Engine engine, Kind kind, String node, String serverVersion, String toolVersion,
      Instant startedAt, Instant finishedAt, String consistency, List<String> roles, List<MemberReport> members,
      List<StreamReport> streams, FilesReport files) {
    this(layout, engine, kind, node, serverVersion, toolVersion, startedAt, finishedAt, consistency, roles, members,
        streams, files, null);
  }

  /** The report of a logical backup (streams, no directory tree). */
  public BackupReport(int layout, Engine engine, Kind kind, String node, String serverVersion, String toolVersion,
      Instant startedAt, Instant finishedAt, String consistency, List<String> roles, List<MemberReport> members,
      List<StreamReport> streams) {
    this(layout, engine, kind, node, serverVersion, toolVersion, startedAt, finishedAt, consistency, roles, members,
        streams, null, null);
  }

  /** The report of a {@code PHYSICAL} backup: its streams and its facts are the driver's. */
  public static BackupReport of(PhysicalReport physical) {
    return new BackupReport(LAYOUT, physical.engine(), Kind.PHYSICAL, physical.node(), physical.serverVersion(),
        physical.tool(), physical.started(), physical.finished(), physical.consistency(), List.of(), List.of(),
        physical.streams(), null, physical);
  }

  /**
   * The name of the tree entry that holds a directory of this backup (FILES: the data directory;
   * PHYSICAL: the server's files), or null when it holds streams only.
   */
  public String treeName() {
    if (files != null) {
      return files.tree();
    }
    return physical != null && physical.tree() != null ? physical.tree().name() : null;
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
