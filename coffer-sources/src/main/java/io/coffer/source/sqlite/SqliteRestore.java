package io.coffer.source.sqlite;

import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.ContentCheck;
import io.coffer.source.MemberReport;
import io.coffer.source.RestoreNames;
import io.coffer.source.RestorePlan.DatabaseStep;
import io.coffer.source.RestorePlan.Existing;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.TargetException;
import io.coffer.source.process.ShellWords;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

/**
 * One SQLite restore. Every member is first written to a hidden file beside its target, named by
 * the plan after the run, and checked (integrity and the checksums the backup recorded); only when
 * all members pass are existing targets renamed or dropped and the new files moved into place, each
 * with an atomic rename. A failure deletes the staging files not in place (unless keep-failed, when
 * the message says how), and leaves every existing file as it was.
 */
final class SqliteRestore {

  private final BackupReport backup;
  private final RestoreRequest request;

  SqliteRestore(BackupReport backup, RestoreRequest request) {
    this.backup = backup;
    this.request = request;
  }

  RestorePlan plan(String libraryVersion) throws IOException {
    Path directory = request.target().dataDirectory();
    if (!Files.isDirectory(directory)) {
      throw new SourceException(
          Reason.INVALID_REQUEST, "target data directory " + directory + " does not exist");
    }
    List<String> targets = RestoreNames.targets(backup, request, SqliteFiles::suffixed);
    String stamp = RestoreNames.planned(request);
    List<DatabaseStep> steps = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      String target = targets.get(i);
      Path path = SqliteFiles.resolve(directory, target);
      if (!Files.isDirectory(path.toAbsolutePath().getParent())) {
        throw new SourceException(
            Reason.INVALID_REQUEST,
            "target database " + target + ": directory " + path.getParent() + " does not exist");
      }
      String staging = staging(target);
      if (SqliteFiles.exists(SqliteFiles.resolve(directory, staging))) {
        throw new SourceException(
            Reason.TARGET_EXISTS,
            "staging file " + SqliteFiles.resolve(directory, staging) + " exists; it is not this run's, so it is"
                + " left alone; restore again (a new run picks a new name)");
      }
      Existing existing = Existing.NONE;
      String renamed = null;
      if (SqliteFiles.exists(path)) {
        if (request.conflict() == ExistingPolicy.REFUSE) {
          throw new TargetException(
              Reason.TARGET_EXISTS,
              target,
              List.of(),
              "target SQLite database "
                  + path
                  + " exists; choose rename-existing or drop-existing, or another target name");
        }
        existing = request.conflict() == ExistingPolicy.DROP ? Existing.DROP : Existing.RENAME;
        SqliteHolders.refuseIfHeld(target, path, existing == Existing.DROP ? "dropped" : "renamed");
        renamed = existing == Existing.RENAME ? SqliteFiles.suffixed(target, stamp) : null;
        if (renamed != null && SqliteFiles.exists(SqliteFiles.resolve(directory, renamed))) {
          throw new SourceException(
              Reason.TARGET_EXISTS, "cannot rename " + target + " out of the way: " + renamed + " exists too");
        }
      }
      steps.add(new DatabaseStep(backup.members().get(i).database(), target, existing, renamed, staging, List.of()));
    }
    List<String> extra = new ArrayList<>();
    if (backup.members().size() > 1 || backup.kind() == Kind.CLUSTER) {
      Set<String> restored = new HashSet<>(targets);
      for (String name : SqliteFiles.list(directory)) {
        if (!restored.contains(name)) {
          extra.add(name);
        }
      }
    }
    return new RestorePlan(backup.engine(), backup.kind(), request.targetName(), "SQLite " + libraryVersion,
        List.of("SQLite library " + libraryVersion), steps, List.of(), extra, false, List.of(), List.of());
  }

  /** A hidden file beside the target, named after this run: {@code .<file>.coffer-restore-<run>}. */
  private String staging(String target) {
    Path path = Path.of(target);
    String hidden = "." + path.getFileName() + ".coffer-restore-" + request.run();
    return path.getParent() == null ? hidden : path.getParent().resolve(hidden).toString();
  }

  RestoreReport run(RestorePlan plan, StreamSource source, SourceListener listener)
      throws IOException {
    Instant started = Instant.now();
    Path directory = request.target().dataDirectory();
    List<Path> staged = new ArrayList<>();
    try {
      for (int i = 0; i < plan.databases().size(); i++) {
        DatabaseStep step = plan.databases().get(i);
        Path temp = SqliteFiles.resolve(directory, step.staging());
        // Created new, never over a file that is not this run's.
        Files.createFile(temp);
        staged.add(temp);
        stage(backup.members().get(i), source, temp);
        listener.info("restored " + step.source() + " into a staging file and verified it");
      }
    } catch (IOException | RuntimeException e) {
      throw new SourceException(
          e instanceof SourceException se ? se.reason() : Reason.SERVER_ERROR,
          "restore to " + directory + " failed: " + e.getMessage() + "; existing files untouched; "
              + leftovers(staged),
          e);
    }
    List<String> restored = new ArrayList<>();
    for (int i = 0; i < plan.databases().size(); i++) {
      DatabaseStep step = plan.databases().get(i);
      Path target = SqliteFiles.resolve(directory, step.target());
      try {
        putInPlace(directory, step, staged.get(i), target);
      } catch (IOException e) {
        throw new SourceException(
            e instanceof SourceException se ? se.reason() : Reason.SERVER_ERROR,
            "restore to " + directory + " verified everything but could not put " + target + " in place: "
                + e.getMessage() + (restored.isEmpty() ? "" : "; restored and kept: " + restored) + "; "
                + leftovers(staged.subList(i, staged.size())),
            e);
      }
      restored.add(step.target());
    }
    return new RestoreReport(
        plan, false, started, Instant.now(), restored, List.of(), List.of());
  }

  /** Moves an existing target aside (or deletes it) and the staged file in; moves it back on failure. */
  private static void putInPlace(Path directory, DatabaseStep step, Path staged, Path target) throws IOException {
    Path renamed = step.existing() == Existing.RENAME ? SqliteFiles.resolve(directory, step.renamedTo()) : null;
    if (renamed != null) {
      SqliteFiles.move(target, renamed);
    } else if (step.existing() == Existing.DROP) {
      SqliteFiles.delete(target);
    }
    try {
      SqliteFiles.move(staged, target);
    } catch (IOException e) {
      if (renamed != null) {
        try {
          SqliteFiles.move(renamed, target);
        } catch (IOException back) {
          e.addSuppressed(new IOException("the existing file stays at " + renamed + ": " + back.getMessage(), back));
        }
      }
      throw e;
    }
  }

  /** Deletes the staging files, or with keep-failed says how to; the words for the failure message. */
  private String leftovers(List<Path> staged) {
    if (staged.isEmpty()) {
      return "nothing was created";
    }
    if (request.keepFailed()) {
      List<String> words = new ArrayList<>(List.of("rm", "-f", "--"));
      staged.forEach(p -> words.add(p.toString()));
      return "kept the staging files " + staged + " for inspection (keep-failed); to delete them: "
          + ShellWords.join(words);
    }
    List<String> problems = new ArrayList<>();
    for (Path temp : staged) {
      try {
        SqliteFiles.delete(temp);
      } catch (IOException e) {
        problems.add("could not delete " + temp + ": " + e.getMessage());
      }
    }
    return "deleted the staging files " + staged + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
  }

  private void stage(MemberReport member, StreamSource source, Path temp) throws IOException {
    try (InputStream in = source.open(SqliteBackup.stream(member.database()));
        OutputStream out = Files.newOutputStream(temp)) {
      in.transferTo(out);
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
