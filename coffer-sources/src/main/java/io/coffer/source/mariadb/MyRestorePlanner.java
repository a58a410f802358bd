package io.coffer.source.mariadb;

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
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Works out what a MariaDB restore will do, changing nothing: refuses a backup from a newer server,
 * a missing client, an existing target without a conflict policy, an existing target with sessions
 * on it unless they may be ended, existing accounts under roles=fail, and a DATA restore into a
 * database whose tables are missing or not empty. Every name the restore will give is decided here.
 */
final class MyRestorePlanner {

  /** MariaDB's limit on database names, in characters. */
  private static final int MAX_NAME = 64;

  private final BackupReport backup;
  private final RestoreRequest request;
  private final MyTools tools;

  MyRestorePlanner(BackupReport backup, RestoreRequest request, MyTools tools) {
    this.backup = backup;
    this.request = request;
    this.tools = tools;
  }

  RestorePlan plan() throws IOException {
    try (MyConnector connector = new MyConnector(request.target());
        Connection c = connector.open(null)) {
      String targetVersion = MyBackup.serverVersion(c);
      Versions.requireRestorable(
          "MariaDB", backup.serverVersion(), targetVersion, 2, "node " + request.targetName());
      List<String> used = new ArrayList<>(List.of(tools.clientVersion()));
      List<String> targets = RestoreNames.targets(backup, request);
      Set<String> existing = new HashSet<>(MyBackup.databases(c));
      String stamp = RestoreNames.planned(request);
      List<DatabaseStep> steps = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        MemberReport member = backup.members().get(i);
        String target = checkName(targets.get(i));
        boolean exists = existing.contains(target);
        if (backup.kind() == Kind.DATA) {
          steps.add(dataStep(c, member, target, exists));
        } else if (!exists) {
          steps.add(new DatabaseStep(member.database(), target, Existing.NONE, null));
        } else if (request.conflict() == ExistingPolicy.RENAME) {
          String renamed = checkName(RestoreNames.suffixed(target, stamp));
          if (existing.contains(renamed)) {
            throw new SourceException(
                Reason.TARGET_EXISTS, "cannot rename " + target + " out of the way: " + renamed + " exists too");
          }
          List<ClientSession> holders = new MySessions(c).holding(target);
          TargetSessions.refuseUnlessAllowed(request, target, "copied and dropped", holders);
          steps.add(new DatabaseStep(member.database(), target, Existing.RENAME, renamed, null, holders));
          if (used.size() == 1) {
            used.add(tools.dumpVersion());
          }
          warnings.add(
              "MariaDB cannot rename a database: " + target + " is copied to " + renamed
                  + " and then dropped; grants naming " + target + " stay with the new " + target);
        } else if (request.conflict() == ExistingPolicy.DROP) {
          List<ClientSession> holders = new MySessions(c).holding(target);
          TargetSessions.refuseUnlessAllowed(request, target, "dropped", holders);
          steps.add(new DatabaseStep(member.database(), target, Existing.DROP, null, null, holders));
          warnings.add(
              target + " is dropped before the backup is loaded; if loading fails it is gone"
                  + " (rename-existing keeps it)");
        } else {
          throw new TargetException(
              Reason.TARGET_EXISTS,
              target,
              List.of(),
              "target database " + target + " exists on " + request.targetName()
                  + "; choose rename-existing or drop-existing, or another target database");
        }
      }
      Set<String> accounts = MyAccounts.labels(c);
      List<RoleStep> roles = new ArrayList<>();
      List<String> reused = new ArrayList<>();
      for (String account : backup.roles()) {
        boolean create = !accounts.contains(account);
        roles.add(new RoleStep(account, create));
        if (!create) {
          reused.add(account);
        }
      }
      if (!reused.isEmpty()) {
        if (request.roles() == RolePolicy.FAIL_ON_EXISTING) {
          throw new SourceException(
              Reason.ROLE_EXISTS,
              "accounts of the backup exist on " + request.targetName() + ": "
                  + String.join(", ", reused) + "; restore with roles=reuse to use them as they are");
        }
        warnings.add(
            "existing accounts are reused as they are (password and global privileges unchanged;"
                + " grants on the restored databases are added): " + String.join(", ", reused));
      }
      List<String> extra = new ArrayList<>();
      if (backup.members().size() > 1 || backup.kind() == Kind.CLUSTER) {
        for (String db : existing) {
          if (!targets.contains(db)) {
            extra.add(db);
          }
        }
        extra.sort(null);
      }
      return new RestorePlan(backup.engine(), backup.kind(), request.targetName(), "MariaDB " + targetVersion, used,
          steps, roles, extra, request.terminateConnections(), warnings, List.of());
    } catch (SQLException e) {
      throw new SourceException(
          Reason.SERVER_ERROR, "cannot plan the restore on " + request.targetName() + ": " + e.getMessage(), e);
    }
  }

  private DatabaseStep dataStep(Connection c, MemberReport member, String target, boolean exists)
      throws SQLException, SourceException {
    if (request.conflict() != ExistingPolicy.REFUSE) {
      throw new SourceException(
          Reason.INVALID_REQUEST,
          "a DATA backup loads into an existing database; conflict policy " + request.conflict() + " does not apply");
    }
    if (!exists) {
      throw new SourceException(
          Reason.NO_SUCH_DATABASE,
          "a DATA backup loads into an existing database, and " + target + " does not exist on "
              + request.targetName() + "; create it first (from a SCHEMA backup, for instance)");
    }
    for (TableReport t : member.tables()) {
      String table = MyAccounts.quote(target) + "." + MyAccounts.quote(t.table());
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
        if (r.next()) {
          throw new SourceException(
              Reason.TARGET_EXISTS,
              "table " + t.table() + " in " + target + " has rows; a DATA restore loads into empty tables only");
        }
      } catch (SQLException e) {
        throw new SourceException(
            Reason.NO_SUCH_DATABASE,
            "table " + t.table() + " cannot be read in " + target + " (" + e.getMessage()
                + "); a DATA restore needs the schema in place",
            e);
      }
    }
    return new DatabaseStep(member.database(), target, Existing.LOAD_INTO, null);
  }

  private static String checkName(String name) throws SourceException {
    if (name.codePointCount(0, name.length()) > MAX_NAME) {
      throw new SourceException(
          Reason.INVALID_REQUEST, "database name " + name + " is longer than " + MAX_NAME + " characters");
    }
    return name;
  }
}
