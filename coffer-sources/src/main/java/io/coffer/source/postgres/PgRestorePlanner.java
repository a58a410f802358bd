package io.coffer.source.postgres;

import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.model.RolePolicy;
import io.coffer.source.BackupReport;
import io.coffer.source.ClientSession;
import io.coffer.source.MemberReport;
import io.coffer.source.RestoreNames;
import io.coffer.source.RestorePlan.DatabaseStep;
import io.coffer.source.RestorePlan.Existing;
import io.coffer.source.RestorePlan.RoleStep;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.TableReport;
import io.coffer.source.TargetException;
import io.coffer.source.TargetSessions;
import io.coffer.source.Versions;
import io.coffer.source.postgres.PgCatalog.PgColumnType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out what a PostgreSQL restore will do, changing nothing: refuses a backup from a newer major
 * version, a missing psql, an existing target without a conflict policy, an existing target held by
 * sessions unless they may be ended, existing roles under roles=fail, and a DATA restore into a
 * database whose tables are missing or not empty. Every name the restore will give is decided here.
 */
final class PgRestorePlanner {

  /** PostgreSQL truncates longer identifiers silently, which would restore under a wrong name. */
  private static final int MAX_NAME_BYTES = 63;

  private final BackupReport backup;
  private final RestoreRequest request;
  private final PgTools tools;

  PgRestorePlanner(BackupReport backup, RestoreRequest request, PgTools tools) {
    this.backup = backup;
    this.request = request;
    this.tools = tools;
  }

  RestorePlan plan() throws IOException {
    try (PgConnector connector = new PgConnector(request.target());
        Connection c = connector.openMaintenance()) {
      String targetVersion = PgCatalog.serverVersion(c);
      Versions.requireRestorable(
          "PostgreSQL", backup.serverVersion(), targetVersion, 1, "node " + request.targetName());
      PgInstallation psql = tools.forRestoring(backup);
      List<String> targets = RestoreNames.targets(backup, request);
      Set<String> existing = new HashSet<>(PgCatalog.allDatabases(c));
      String stamp = RestoreNames.planned(request);
      List<DatabaseStep> steps = new ArrayList<>();
      List<String> notes = new ArrayList<>(PgRestoreJobs.of(request).notes(backup.kind()));
      for (int i = 0; i < targets.size(); i++) {
        MemberReport member = backup.members().get(i);
        String target = checkName(targets.get(i));
        steps.add(
            backup.kind() == Kind.DATA
                ? dataStep(connector, member, target, existing.contains(target), notes)
                : step(c, member.database(), target, existing, stamp, checkName(RestoreNames.staging(request, i))));
      }
      Set<String> roles = new HashSet<>(PgCatalog.roleNames(c));
      List<RoleStep> roleSteps = new ArrayList<>();
      List<String> reused = new ArrayList<>();
      for (String role : backup.roles()) {
        boolean create = !roles.contains(role);
        roleSteps.add(new RoleStep(role, create));
        if (!create) {
          reused.add(role);
        }
      }
      List<String> warnings = new ArrayList<>();
      if (!reused.isEmpty()) {
        if (request.roles() == RolePolicy.FAIL_ON_EXISTING) {
          throw new SourceException(
              Reason.ROLE_EXISTS,
              "roles of the backup exist on "
                  + request.targetName()
                  + ": "
                  + String.join(", ", reused)
                  + "; restore with roles=reuse to use them as they are");
        }
        warnings.add(
            "existing roles are reused as they are (attributes, passwords and memberships"
                + " unchanged): "
                + String.join(", ", reused));
      }
      List<String> extra = new ArrayList<>();
      if (backup.members().size() > 1 || backup.kind() == Kind.CLUSTER) {
        for (String db : PgCatalog.allDatabases(c)) {
          if (!targets.contains(db)) {
            extra.add(db);
          }
        }
      }
      return new RestorePlan(
          backup.engine(),
          backup.kind(),
          request.targetName(),
          "PostgreSQL " + targetVersion,
          PgTools.restoreTools(backup, psql),
          steps,
          roleSteps,
          extra,
          request.terminateConnections(),
          warnings,
          notes);
    } catch (SQLException e) {
      throw new SourceException(
          Reason.SERVER_ERROR,
          "cannot plan the restore on " + request.targetName() + ": " + e.getMessage(),
          e);
    }
  }

  private DatabaseStep step(
      Connection c, String source, String target, Set<String> existing, String stamp, String staging)
      throws SQLException, SourceException {
    if (existing.contains(staging)) {
      throw new SourceException(
          Reason.TARGET_EXISTS,
          "staging database " + staging + " exists on " + request.targetName()
              + "; it is not this run's, so it is left alone; restore again (a new run picks a new name)");
    }
    if (!existing.contains(target)) {
      return new DatabaseStep(source, target, Existing.NONE, null, staging, List.of());
    }
    switch (request.conflict()) {
      case RENAME:
        {
          String renamed = checkName(RestoreNames.suffixed(target, stamp));
          if (existing.contains(renamed)) {
            throw new SourceException(
                Reason.TARGET_EXISTS,
                "cannot rename " + target + " out of the way: " + renamed + " exists too");
          }
          List<ClientSession> holders = new PgSessions(c).holding(target);
          TargetSessions.refuseUnlessAllowed(request, target, "renamed", holders);
          return new DatabaseStep(source, target, Existing.RENAME, renamed, staging, holders);
        }
      case DROP:
        {
          List<ClientSession> holders = new PgSessions(c).holding(target);
          TargetSessions.refuseUnlessAllowed(request, target, "dropped", holders);
          return new DatabaseStep(source, target, Existing.DROP, null, staging, holders);
        }
      default:
        throw new TargetException(
            Reason.TARGET_EXISTS,
            target,
            List.of(),
            "target database "
                + target
                + " exists on "
                + request.targetName()
                + "; choose rename-existing or drop-existing, or another target database");
    }
  }

  private DatabaseStep dataStep(
      PgConnector connector, MemberReport member, String target, boolean exists, List<String> notes)
      throws IOException {
    if (request.conflict() != ExistingPolicy.REFUSE) {
      throw new SourceException(
          Reason.INVALID_REQUEST,
          "a DATA backup loads into an existing database; conflict policy "
              + request.conflict()
              + " does not apply");
    }
    if (!exists) {
      throw new SourceException(
          Reason.NO_SUCH_DATABASE,
          "a DATA backup loads into an existing database, and "
              + target
              + " does not exist on "
              + request.targetName()
              + "; create it first (from a SCHEMA backup, for instance)");
    }
    try (Connection c = connector.open(target);
        Statement s = c.createStatement()) {
      for (TableReport t : member.tables()) {
        String table = PgIdent.qualified(t.schema(), t.table());
        try (ResultSet r =
            s.executeQuery(
                "SELECT to_regclass(" + PgIdent.literal(table) + ") IS NOT NULL")) {
          r.next();
          if (!r.getBoolean(1)) {
            throw new SourceException(
                Reason.NO_SUCH_DATABASE,
                "table " + t.qualifiedName() + " does not exist in " + target
                    + "; a DATA restore needs the schema in place");
          }
        }
        checkColumns(c, t, table, target, notes);
        try (ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM ONLY " + table + ")")) {
          r.next();
          if (r.getBoolean(1)) {
            throw new SourceException(
                Reason.TARGET_EXISTS,
                "table " + t.qualifiedName() + " in " + target
                    + " has rows; a DATA restore loads into empty tables only");
          }
        }
      }
    } catch (SQLException e) {
      throw connector.failure(e, target);
    }
    return new DatabaseStep(member.database(), target, Existing.LOAD_INTO, null);
  }

  /**
   * A DATA restore loads the recorded columns by name: one the table no longer has is refused before
   * anything is loaded. A binary table whose column types changed is loaded through a staging table
   * ({@link PgStagedLoad}), which the plan says.
   */
  private static void checkColumns(Connection c, TableReport t, String table, String target, List<String> notes)
      throws SQLException, SourceException {
    if (t.columns() == null || t.columns().isEmpty()) {
      return;
    }
    Map<String, PgColumnType> now = PgCatalog.columnTypes(c, table);
    for (String column : t.columns()) {
      if (!now.containsKey(column)) {
        throw new SourceException(
            Reason.TARGET_EXISTS,
            "table " + t.qualifiedName() + " in " + target + " has no column " + column
                + ", which the backup holds; a DATA restore loads every column it holds."
                + " Restore into a new database instead, or add the column");
      }
    }
    if (t.binary() && t.columnTypes() != null) {
      PgStagedLoad.changed(PgTable.recorded(t), now).forEach((column, type) -> notes.add(
          "table " + t.qualifiedName() + ": column " + column + " is " + type.recorded() + ", the backup recorded "
              + t.columnTypes().get(t.columns().indexOf(column))
              + "; its rows load through a staging table of the recorded types, the column as its text"));
    }
  }

  private static String checkName(String name) throws SourceException {
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new SourceException(
          Reason.INVALID_REQUEST,
          "database name " + name + " is longer than " + MAX_NAME_BYTES + " bytes");
    }
    return name;
  }
}
