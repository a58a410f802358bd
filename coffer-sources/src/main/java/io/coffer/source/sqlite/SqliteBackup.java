package io.coffer.source.sqlite;

import io.coffer.model.Engine;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.MemberReport;
import io.coffer.source.RecordingSink;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.TableReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConnection;

/**
 * One SQLite backup.
 *
 * <p>Design: every member gets its own connection and read transaction, all opened before any page
 * is copied, so the members are captured as close to one instant as SQLite allows. The online backup
 * API then copies each member in a single step inside that transaction into a temporary file: in WAL
 * mode writers go on meanwhile, in rollback-journal mode they wait. The copy is checksummed and
 * streamed, then deleted. A temporary copy is needed because a WAL database's consistent image is
 * not a byte range of any one file.
 */
final class SqliteBackup {

  /** The one stream of each member. */
  static String stream(String database) {
    return database + "/database.sqlite";
  }

  private final BackupRequest request;
  private final RecordingSink sink;
  private final SourceListener listener;
  private final Path tempDirectory;

  SqliteBackup(BackupRequest request, RecordingSink sink, SourceListener listener, Path tempDirectory) {
    this.request = request;
    this.sink = sink;
    this.listener = listener;
    this.tempDirectory = tempDirectory;
  }

  BackupReport run() throws IOException {
    Instant started = Instant.now();
    Path directory = request.node().dataDirectory();
    List<String> members =
        request.databases().names().isEmpty()
            ? request.databases().resolve(SqliteFiles.list(directory), request.node().label())
            : request.databases().names();
    List<Path> files = new ArrayList<>();
    for (String member : members) {
      Path file = SqliteFiles.resolve(directory, member);
      SqliteFiles.requireDatabase(file);
      files.add(file);
    }
    long expected = 0;
    for (Path file : files) {
      expected += Files.size(file);
    }
    listener.expected(expected);
    List<Path> copies = new ArrayList<>();
    try {
      String version = snapshot(files, copies);
      List<MemberReport> reports = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        reports.add(member(members.get(i), copies.get(i)));
      }
      return new BackupReport(
          BackupReport.LAYOUT,
          Engine.SQLITE,
          request.kind(),
          request.node().label(),
          version,
          "sqlite-jdbc " + org.sqlite.SQLiteJDBCLoader.getVersion(),
          started,
          Instant.now(),
          members.size() == 1
              ? "one read transaction: the file is copied as of one instant"
              : "one read transaction per file, all opened before any page was copied;"
                  + " each file is consistent, the files were captured within moments of each"
                  + " other but not atomically",
          List.of(),
          reports,
          sink.streams());
    } finally {
      for (Path copy : copies) {
        SqliteFiles.delete(copy);
      }
    }
  }

  /** Copies every member under read transactions opened together; returns the library version. */
  private String snapshot(List<Path> files, List<Path> copies) throws IOException {
    List<Connection> connections = new ArrayList<>();
    try {
      for (Path file : files) {
        Connection c = SqliteConnections.open(file, true);
        connections.add(c);
        try (Statement s = c.createStatement()) {
          s.execute("BEGIN");
          try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
            r.next();
          }
        }
      }
      for (int i = 0; i < files.size(); i++) {
        Path copy = Files.createTempFile(tempDirectory, "coffer-sqlite-", ".db");
        copies.add(copy);
        int rc =
            ((SQLiteConnection) connections.get(i))
                .getDatabase()
                .backup("main", copy.toString(), null, 100, 300, -1);
        if (rc != 0) {
          throw new SourceException(
              Reason.SERVER_ERROR,
              "SQLite online backup of " + files.get(i) + " failed with result code " + rc);
        }
      }
      try (Statement s = connections.get(0).createStatement();
          ResultSet r = s.executeQuery("SELECT sqlite_version()")) {
        r.next();
        return r.getString(1);
      }
    } catch (SQLException e) {
      throw new SourceException(
          Reason.SERVER_ERROR, "cannot read SQLite database: " + e.getMessage(), e);
    } finally {
      for (Connection c : connections) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // Closing a read-only connection ends its read transaction; nothing is lost.
        }
      }
    }
  }

  /**
   * Streams the copy, then reads its checksums. In that order because SQLite may keep side files
   * (WAL index) beside a database it reads; the streamed bytes are the copy exactly as made.
   */
  private MemberReport member(String database, Path copy) throws IOException {
    String name = stream(database);
    long size = Files.size(copy);
    try (OutputStream out = sink.create(name)) {
      Files.copy(copy, out);
    }
    List<TableReport> tables;
    try (Connection c = SqliteConnections.open(copy, false)) {
      tables = SqliteContent.tables(c);
    } catch (SQLException e) {
      throw new SourceException(
          Reason.SERVER_ERROR, "cannot read the copy of " + database + ": " + e.getMessage(), e);
    }
    return new MemberReport(database, size, List.of(name), tables);
  }
}
