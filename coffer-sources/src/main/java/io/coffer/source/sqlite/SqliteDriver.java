package io.coffer.source.sqlite;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.NodeAccess;
import io.coffer.source.RecordingSink;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceDriver;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSink;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.Versions;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * SQLite databases on a node that is a data directory. Kinds FULL (the selected files) and CLUSTER
 * (every SQLite file in the directory); a database is one file, so SCHEMA and DATA do not apply.
 */
public final class SqliteDriver implements SourceDriver {

  private final Path tempDirectory;

  /** Temporary copies go to the JVM's temporary directory. */
  public SqliteDriver() {
    this(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** Temporary copies (one per member, during a backup) go to {@code tempDirectory}. */
  public SqliteDriver(Path tempDirectory) {
    this.tempDirectory = tempDirectory;
  }

  @Override
  public Engine engine() {
    return Engine.SQLITE;
  }

  @Override
  public Set<Kind> kinds() {
    return EnumSet.of(Kind.FULL, Kind.CLUSTER);
  }

  @Override
  public List<String> databases(NodeAccess node) throws IOException {
    node.require(Engine.SQLITE);
    return SqliteFiles.list(node.dataDirectory());
  }

  @Override
  public BackupReport backup(BackupRequest request, StreamSink sink, SourceListener listener)
      throws IOException {
    request.node().require(Engine.SQLITE);
    if (!kinds().contains(request.kind())) {
      throw new SourceException(
          Reason.INVALID_REQUEST,
          "kind " + request.kind() + " does not apply to SQLite; use one of " + kinds());
    }
    return new SqliteBackup(request, new RecordingSink(sink, listener), listener, tempDirectory).run();
  }

  @Override
  public RestorePlan plan(BackupReport backup, RestoreRequest request) throws IOException {
    request.target().require(Engine.SQLITE);
    backup.requireEngine(Engine.SQLITE);
    return new SqliteRestore(backup, request).plan(requireReadable(backup.serverVersion()));
  }

  @Override
  public RestoreReport carryOut(
      BackupReport backup, RestoreRequest request, RestorePlan plan, StreamSource source, SourceListener listener)
      throws IOException {
    return new SqliteRestore(backup, request).run(plan, source, listener);
  }

  /** Deletes the restored files with their side files; SQLite has no roles. */
  @Override
  public void discard(NodeAccess node, RestoreReport restored) throws IOException {
    node.require(Engine.SQLITE);
    for (String database : restored.databases()) {
      SqliteFiles.delete(SqliteFiles.resolve(node.dataDirectory(), database));
    }
  }

  @Override
  public List<TableReport> contents(NodeAccess node, String database) throws IOException {
    node.require(Engine.SQLITE);
    Path file = SqliteFiles.resolve(node.dataDirectory(), database);
    SqliteFiles.requireDatabase(file);
    try (Connection c = SqliteConnections.open(file, true);
        Statement s = c.createStatement()) {
      s.execute("BEGIN");
      List<TableReport> tables = SqliteContent.tables(c);
      s.execute("COMMIT");
      return tables;
    } catch (SQLException e) {
      throw new SourceException(
          Reason.SERVER_ERROR, "cannot read SQLite database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A file written by a newer SQLite may use features this library cannot read; returns the
   * library's version.
   */
  private static String requireReadable(String backupVersion) throws IOException {
    String ours;
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT sqlite_version()")) {
      r.next();
      ours = r.getString(1);
    } catch (SQLException e) {
      throw new SourceException(Reason.SERVER_ERROR, "cannot load SQLite: " + e.getMessage(), e);
    }
    Versions.requireRestorable("SQLite", backupVersion, ours, 2, "library of this Coffer");
    return ours;
  }
}
