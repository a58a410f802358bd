package io.coffer.source.sqlite;

import io.coffer.source.BackupReport;
import io.coffer.source.ConflictPolicy;
import io.coffer.source.ContentCheck;
import io.coffer.source.MemberReport;
import io.coffer.source.RestoreNames;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestorePlan.DatabaseStep;
import io.coffer.source.RestorePlan.Existing;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One SQLite restore. Every member is first written to a hidden file beside its target and checked
 * (integrity and the checksums the backup recorded); only when all members pass are existing targets
 * renamed or dropped and the new files moved into place, each with an atomic rename. A failure
 * before that point leaves every existing file untouched.
 */
final class SqliteRestore {

  private final BackupReport backup;
  private final RestoreRequest request;

  SqliteRestore(BackupReport backup, RestoreRequest request) {
    this.backup = backup;
    this.request = request;
  }

  RestorePlan plan() throws IOException {
    Path directory = request.target().dataDirectory();
    if (!Files.isDirectory(directory)) {
      throw new SourceException(
          Reason.INVALID_REQUEST, "target data directory " + directory + " does not exist");
    }
    List<String> targets = RestoreNames.targets(backup, request, SqliteFiles::suffixed);
    String stamp = RestoreNames.timestamp(Instant.now());
    List<DatabaseStep> steps = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      String target = targets.get(i);
      Path path = SqliteFiles.resolve(directory, target);
      if (!Files.isDirectory(path.toAbsolutePath().getParent())) {
        throw new SourceException(
            Reason.INVALID_REQUEST,
            "target database " + target + ": directory " + path.getParent() + " does not exist");
      }
      Existing existing = Existing.NONE;
      String renamed = null;
      if (SqliteFiles.exists(path)) {
        if (request.conflict() == ConflictPolicy.REFUSE) {
          throw new SourceException(
              Reason.TARGET_EXISTS,
              "target SQLite database "
                  + path
                  + " exists; choose rename-existing or drop-existing, or another target name");
        }
        existing = request.conflict() == ConflictPolicy.DROP_EXISTING ? Existing.DROP : Existing.RENAME;
        renamed = existing == Existing.RENAME ? SqliteFiles.suffixed(target, stamp) : null;
      }
      steps.add(new DatabaseStep(backup.members().get(i).database(), target, existing, renamed));
    }
    List<String> extra = new ArrayList<>();
    if (backup.members().size() > 1 || backup.kind() == io.coffer.source.Kind.CLUSTER) {
      Set<String> restored = new HashSet<>(targets);
      for (String name : SqliteFiles.list(directory)) {
        if (!restored.contains(name)) {
          extra.add(name);
        }
      }
    }
    return new RestorePlan(
        backup.engine(), backup.kind(), request.target().label(), steps, List.of(), extra, List.of());
  }

  RestoreReport run(RestorePlan plan, StreamSource source, SourceListener listener)
      throws IOException {
    Instant started = Instant.now();
    Path directory = request.target().dataDirectory();
    List<Path> staged = new ArrayList<>();
    try {
      for (int i = 0; i < plan.databases().size(); i++) {
        DatabaseStep step = plan.databases().get(i);
        Path target = SqliteFiles.resolve(directory, step.target());
        Path temp = target.resolveSibling("." + target.getFileName() + ".coffer-restore-" + UUID.randomUUID());
        staged.add(temp);
        stage(backup.members().get(i), source, temp);
        listener.info("restored " + step.source() + " into a staging file and verified it");
      }
    } catch (IOException | RuntimeException e) {
      String cleanup = request.keepFailed() ? "kept the staging files " + staged : "removed the staging files";
      if (!request.keepFailed()) {
        for (Path temp : staged) {
          SqliteFiles.delete(temp);
        }
      }
      throw new SourceException(
          e instanceof SourceException se ? se.reason() : Reason.SERVER_ERROR,
          "restore to " + directory + " failed: " + e.getMessage() + "; existing files untouched, " + cleanup,
          e);
    }
    List<String> restored = new ArrayList<>();
    for (int i = 0; i < plan.databases().size(); i++) {
      DatabaseStep step = plan.databases().get(i);
      Path target = SqliteFiles.resolve(directory, step.target());
      if (step.existing() == Existing.RENAME) {
        SqliteFiles.move(target, SqliteFiles.resolve(directory, step.renamedTo()));
      } else if (step.existing() == Existing.DROP) {
        SqliteFiles.delete(target);
      }
      SqliteFiles.move(staged.get(i), target);
      restored.add(step.target());
    }
    return new RestoreReport(
        plan, false, started, Instant.now(), restored, List.of(), List.of());
  }

  private void stage(MemberReport member, StreamSource source, Path temp) throws IOException {
    try (InputStream in = source.open(SqliteBackup.stream(member.database()))) {
      Files.copy(in, temp);
    }
    SqliteFiles.syncFile(temp);
    SqliteFiles.requireDatabase(temp);
    // Read-write, so that closing the last connection removes the WAL side files it created.
    try (Connection c = SqliteConnections.open(temp, false)) {
      List<String> problems = integrity(c);
      if (!problems.isEmpty()) {
        throw new SourceException(
            Reason.VERIFY_FAILED,
            "restored copy of " + member.database() + " fails integrity_check: " + problems);
      }
      List<TableReport> actual = SqliteContent.tables(c);
      List<String> differences = ContentCheck.differences(member.tables(), actual);
      if (!differences.isEmpty()) {
        throw new SourceException(
            Reason.VERIFY_FAILED,
            "restored copy of " + member.database() + " differs from the backup: " + differences);
      }
    } catch (SQLException e) {
      throw new SourceException(
          Reason.VERIFY_FAILED,
          "restored copy of " + member.database() + " cannot be read: " + e.getMessage(),
          e);
    }
  }

  private static List<String> integrity(Connection c) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check(10)")) {
      while (r.next()) {
        lines.add(r.getString(1));
      }
    }
    return lines.equals(List.of("ok")) ? List.of() : lines;
  }
}
