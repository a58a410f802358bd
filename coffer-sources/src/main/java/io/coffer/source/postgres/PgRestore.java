package io.coffer.source.postgres;

import io.coffer.source.BackupReport;
import io.coffer.source.Kind;
import io.coffer.source.MemberReport;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestorePlan.DatabaseStep;
import io.coffer.source.RestorePlan.Existing;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceJson;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamReport;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.process.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One PostgreSQL restore.
 *
 * <p>Design: nothing that exists is touched until everything is loaded. Missing roles are created
 * first (in one transaction); every member is then loaded into a fresh staging database; only when
 * all members are loaded are existing targets renamed or dropped and the staging databases renamed
 * to their targets. A failure before that drops the staging databases and the created roles (unless
 * keep-failed), leaving the target node as it was. DATA backups are the exception: they load into an
 * existing database whose tables must be empty, and a failure empties those tables again.
 */
final class PgRestore {

  private final BackupReport backup;
  private final RestoreRequest request;
  private final PgTools tools;

  PgRestore(BackupReport backup, RestoreRequest request, PgTools tools) {
    this.backup = backup;
    this.request = request;
    this.tools = tools;
  }

  RestoreReport run(RestorePlan plan, StreamSource source, SourceListener listener)
      throws IOException {
    Instant started = Instant.now();
    PgInstallation psql = tools.forRestoring(backup);
    Map<String, Long> sizes = new HashMap<>();
    for (StreamReport s : backup.streams()) {
      sizes.put(s.name(), s.bytes());
    }
    List<String> warnings = new ArrayList<>(plan.warnings());
    try (PgConnector connector = new PgConnector(request.target())) {
      Staging staging = new Staging(connector, psql, source, sizes, listener, warnings);
      if (backup.kind() == Kind.DATA) {
        staging.loadInto(plan);
      } else {
        staging.createAndSwap(plan);
      }
      return new RestoreReport(
          plan,
          false,
          started,
          Instant.now(),
          plan.databases().stream().map(DatabaseStep::target).toList(),
          staging.createdRoles,
          warnings);
    }
  }

  /** The state of a restore in progress: what it created, so a failure can remove exactly that. */
  private final class Staging {
    private final PgConnector connector;
    private final PgInstallation psql;
    private final StreamSource source;
    private final Map<String, Long> sizes;
    private final SourceListener listener;
    private final List<String> warnings;
    private final List<String> createdRoles = new ArrayList<>();
    private final List<String> stagingDatabases = new ArrayList<>();
    private final Cancellation cancellation = new Cancellation();

    Staging(
        PgConnector connector,
        PgInstallation psql,
        StreamSource source,
        Map<String, Long> sizes,
        SourceListener listener,
        List<String> warnings) {
      this.connector = connector;
      this.psql = psql;
      this.source = source;
      this.sizes = sizes;
      this.listener = listener;
      this.warnings = warnings;
    }

    void createAndSwap(RestorePlan plan) throws IOException {
      int versionNum;
      try (Connection c = connector.openMaintenance()) {
        versionNum = PgCatalog.serverVersionNum(c);
        try {
          PgGlobals globals = read(PgLayout.GLOBALS, PgGlobals.class);
          new PgRoleCreator(c, globals, versionNum, request.roles(), listener).create(createdRoles);
          Set<String> tablespaces = new HashSet<>(PgCatalog.tablespaceNames(c));
          createTablespaces(c, globals, tablespaces);
          for (int i = 0; i < plan.databases().size(); i++) {
            stage(c, backup.members().get(i), versionNum, tablespaces);
          }
        } catch (IOException | SQLException | RuntimeException e) {
          throw cleanUp(c, e, versionNum);
        }
      } catch (SQLException e) {
        throw connector.failure(e, "postgres");
      }
      // A database cannot be renamed or dropped from a session connected to it, so the swap runs
      // from a maintenance database that is not itself being replaced (a CLUSTER restore replaces
      // "postgres").
      Set<String> involved = new HashSet<>();
      for (DatabaseStep step : plan.databases()) {
        involved.add(step.target());
      }
      try (Connection c = connector.openMaintenanceAvoiding(involved)) {
        swap(c, plan, versionNum);
      } catch (SQLException e) {
        throw connector.failure(e, "postgres");
      }
    }

    private void stage(Connection c, MemberReport member, int versionNum, Set<String> tablespaces)
        throws IOException, SQLException {
      String staging = "coffer_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      PgDatabase props = read(PgLayout.database(member.database()), PgDatabase.class);
      boolean inTablespace = tablespaces.contains(props.tablespace());
      if (!inTablespace) {
        warnings.add(
            "tablespace " + props.tablespace() + " of " + member.database()
                + " does not exist on the target; using the default");
      }
      execute(c, PgSql.createDatabase(props, staging, versionNum >= 150000, inTablespace));
      stagingDatabases.add(staging);
      execute(c, "ALTER DATABASE " + PgIdent.quote(staging) + " OWNER TO " + PgIdent.quote(props.owner()));
      listener.info("loading " + member.database() + " into staging database " + staging);
      new PgMemberLoad(
              connector, psql, staging, member, source, backup.kind(), request.jobs(), sizes, false,
              cancellation)
          .run();
      for (String sql : PgSql.databaseProperties(props, staging)) {
        execute(c, sql);
      }
    }

    /** Puts the loaded staging databases in place of their targets. */
    private void swap(Connection c, RestorePlan plan, int versionNum) throws IOException {
      List<String> done = new ArrayList<>();
      for (int i = 0; i < plan.databases().size(); i++) {
        DatabaseStep step = plan.databases().get(i);
        String target = PgIdent.quote(step.target());
        try {
          if (step.existing() == Existing.RENAME) {
            execute(c, "ALTER DATABASE " + target + " RENAME TO " + PgIdent.quote(step.renamedTo()));
          } else if (step.existing() == Existing.DROP) {
            execute(c, dropDatabase(step.target(), versionNum));
          }
          execute(c, "ALTER DATABASE " + PgIdent.quote(stagingDatabases.get(i)) + " RENAME TO " + target);
          done.add(step.target());
        } catch (SQLException e) {
          List<String> left = stagingDatabases.subList(i, stagingDatabases.size());
          throw new SourceException(
              Reason.SERVER_ERROR,
              "restore loaded everything but could not put "
                  + step.target()
                  + " in place: "
                  + e.getMessage()
                  + "; restored so far: "
                  + done
                  + "; still in staging databases: "
                  + left,
              e);
        }
      }
    }

    void loadInto(RestorePlan plan) throws IOException {
      List<String> touched = new ArrayList<>();
      try {
        for (int i = 0; i < plan.databases().size(); i++) {
          String target = plan.databases().get(i).target();
          touched.add(target);
          new PgMemberLoad(
                  connector, psql, target, backup.members().get(i), source, Kind.DATA,
                  request.jobs(), sizes, true, cancellation)
              .run();
        }
      } catch (IOException | RuntimeException e) {
        String what;
        if (request.keepFailed()) {
          what = "kept the rows loaded so far (keep-failed)";
        } else {
          emptyTables(plan, touched);
          what = "emptied the loaded tables again; large objects already created were kept";
        }
        throw new SourceException(reason(e), "DATA restore failed: " + e.getMessage() + "; " + what, e);
      }
    }

    private void emptyTables(RestorePlan plan, List<String> touched) throws IOException {
      for (int i = 0; i < touched.size(); i++) {
        List<String> tables = new ArrayList<>();
        for (TableReport t : backup.members().get(i).tables()) {
          tables.add(PgIdent.qualified(t.schema(), t.table()));
        }
        if (tables.isEmpty()) {
          continue;
        }
        try (Connection c = connector.open(touched.get(i))) {
          execute(c, "TRUNCATE ONLY " + String.join(", ", tables));
        } catch (SQLException e) {
          throw connector.failure(e, touched.get(i));
        }
      }
    }

    private SourceException cleanUp(Connection c, Exception cause, int versionNum) {
      cancellation.cancel();
      StringBuilder what = new StringBuilder();
      if (request.keepFailed()) {
        what.append("kept staging databases ").append(stagingDatabases)
            .append(" and created roles ").append(createdRoles).append(" for inspection (keep-failed)");
      } else {
        List<String> problems = drop(c, stagingDatabases, createdRoles, versionNum);
        what.append("dropped staging databases ").append(stagingDatabases)
            .append(" and created roles ").append(createdRoles);
        if (!problems.isEmpty()) {
          what.append("; ").append(String.join("; ", problems));
        }
      }
      return new SourceException(
          reason(cause),
          "restore to "
              + request.target().label()
              + " failed: "
              + cause.getMessage()
              + "; existing databases untouched; "
              + what,
          cause);
    }

    private <T> T read(String stream, Class<T> type) throws IOException {
      try (InputStream in = source.open(stream)) {
        return SourceJson.mapper().readValue(in, type);
      }
    }

    private void createTablespaces(Connection c, PgGlobals globals, Set<String> existing)
        throws SQLException {
      for (PgTablespace t : globals.tablespaces()) {
        if (existing.contains(t.name())) {
          warnings.add("tablespace " + t.name() + " exists on the target and is reused");
          continue;
        }
        for (String sql : PgSql.createTablespace(t)) {
          execute(c, sql);
        }
        existing.add(t.name());
      }
    }
  }

  private static Reason reason(Exception e) {
    return e instanceof SourceException se ? se.reason() : Reason.SERVER_ERROR;
  }

  /**
   * Drops databases, then roles in the reverse order of their creation (a role created later may be
   * a member of one created earlier). Tries everything; returns what could not be dropped.
   */
  static List<String> drop(Connection c, List<String> databases, List<String> roles, int versionNum) {
    List<String> problems = new ArrayList<>();
    for (String db : databases) {
      try {
        execute(c, dropDatabase(db, versionNum));
      } catch (SQLException e) {
        problems.add("could not drop " + db + ": " + e.getMessage());
      }
    }
    for (int i = roles.size() - 1; i >= 0; i--) {
      try {
        execute(c, "DROP ROLE IF EXISTS " + PgIdent.quote(roles.get(i)));
      } catch (SQLException e) {
        problems.add("could not drop role " + roles.get(i) + ": " + e.getMessage());
      }
    }
    return problems;
  }

  private static String dropDatabase(String name, int versionNum) {
    // FORCE (PostgreSQL 13+) ends other sessions instead of failing on them.
    return "DROP DATABASE IF EXISTS " + PgIdent.quote(name) + (versionNum >= 130000 ? " WITH (FORCE)" : "");
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
