package io.coffer.source.postgres;

import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.ClientSession;
import io.coffer.source.MemberReport;
import io.coffer.source.NodeAccess;
import io.coffer.source.RestorePlan.DatabaseStep;
import io.coffer.source.RestorePlan.Existing;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceJson;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamReport;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.TargetSessions;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ShellWords;
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

/**
 * One PostgreSQL restore.
 *
 * <p>Design: nothing that exists is touched until everything is loaded. Missing roles are created
 * first (in one transaction); every member is then loaded into a fresh staging database named by
 * the plan; only when all members are loaded are existing targets renamed or dropped and the
 * staging databases renamed to their targets. A failure at any point drops the staging databases
 * not in place and the created roles (unless keep-failed, when the message says how to drop them),
 * and never touches a database this run did not create. Sessions holding an existing target are
 * ended only when the request allows it; otherwise they stop the restore before anything changes. DATA backups are the exception: they load into an
 * existing database whose tables must be empty, and a failure empties those tables again.
 */
final class PgRestore {

  private final BackupReport backup;
  private final RestoreRequest request;
  private final PgTools tools;
  private final PgRestoreJobs jobs;

  PgRestore(BackupReport backup, RestoreRequest request, PgTools tools) {
    this.backup = backup;
    this.request = request;
    this.tools = tools;
    this.jobs = PgRestoreJobs.of(request);
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
    jobs.notes(backup.kind()).forEach(listener::info);
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
            stage(c, backup.members().get(i), plan.databases().get(i).staging(), versionNum, tablespaces);
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

    private void stage(Connection c, MemberReport member, String staging, int versionNum, Set<String> tablespaces)
        throws IOException, SQLException {
      PgDatabase props = read(PgLayout.database(member.database()), PgDatabase.class);
      boolean inTablespace = tablespaces.contains(props.tablespace());
      if (!inTablespace) {
        warnings.add(
            "tablespace " + props.tablespace() + " of " + member.database()
                + " does not exist on the target; using the default");
      }
      // Without IF NOT EXISTS: a database of that name that is not this run's fails the restore
      // here and is never added to what a failure drops.
      execute(c, PgSql.createDatabase(props, staging, versionNum >= 150000, inTablespace));
      stagingDatabases.add(staging);
      execute(c, "ALTER DATABASE " + PgIdent.quote(staging) + " OWNER TO " + PgIdent.quote(props.owner()));
      listener.info("loading " + member.database() + " into staging database " + staging);
      new PgMemberLoad(
              connector, psql, staging, member, source, backup.kind(), jobs, sizes, false,
              cancellation)
          .run();
      for (String sql : PgSql.databaseProperties(props, staging)) {
        execute(c, sql);
      }
    }

    /**
     * Puts the loaded staging databases in place of their targets, as the plan says. A failure
     * here (a session that connected to a target since the plan, a server error) removes the
     * staging databases not yet in place, and the created roles when nothing was put in place,
     * unless keep-failed; an existing target renamed out of the way gets its name back.
     */
    private void swap(Connection c, RestorePlan plan, int versionNum) throws IOException {
      List<String> done = new ArrayList<>();
      for (int i = 0; i < plan.databases().size(); i++) {
        DatabaseStep step = plan.databases().get(i);
        String target = PgIdent.quote(step.target());
        try {
          makeWay(c, step, versionNum);
          try {
            execute(c, "ALTER DATABASE " + PgIdent.quote(step.staging()) + " RENAME TO " + target);
          } catch (SQLException e) {
            if (step.existing() == Existing.RENAME) {
              renameBack(c, step, e);
            }
            throw e;
          }
          done.add(step.target());
        } catch (SQLException | SourceException e) {
          throw swapFailed(c, plan, i, done, e, versionNum);
        }
      }
    }

    /** Renames or drops an existing target, ending the sessions holding it first when allowed. */
    private void makeWay(Connection c, DatabaseStep step, int versionNum) throws SQLException, SourceException {
      if (step.existing() != Existing.RENAME && step.existing() != Existing.DROP) {
        return;
      }
      String action = step.existing() == Existing.RENAME ? "renamed" : "dropped";
      // Looked at again: sessions may have connected since the plan was made.
      TargetSessions.refuseUnlessAllowed(request, step.target(), action, new PgSessions(c).holding(step.target()));
      for (int attempt = 1; ; attempt++) {
        endSessions(c, step.target());
        try {
          if (step.existing() == Existing.RENAME) {
            execute(c, "ALTER DATABASE " + PgIdent.quote(step.target()) + " RENAME TO "
                + PgIdent.quote(step.renamedTo()));
          } else {
            execute(c, dropDatabase(step.target(), request.terminateConnections() && versionNum >= 130000));
          }
          return;
        } catch (SQLException e) {
          // A session that connected between ending the others and the rename: end it too.
          if (!request.terminateConnections() || !OBJECT_IN_USE.equals(e.getSQLState()) || attempt == 3) {
            throw e;
          }
        }
      }
    }

    private void endSessions(Connection c, String database) throws SQLException {
      if (!request.terminateConnections()) {
        return;
      }
      List<ClientSession> ended = TargetSessions.endAll(new PgSessions(c), database);
      if (!ended.isEmpty()) {
        String line = "ended " + ended.size() + " session(s) holding " + database + " (terminate-connections): "
            + String.join(", ", ended.stream().map(ClientSession::toString).toList());
        warnings.add(line);
        listener.warn(line);
      }
    }

    private void renameBack(Connection c, DatabaseStep step, SQLException cause) {
      try {
        execute(c, "ALTER DATABASE " + PgIdent.quote(step.renamedTo()) + " RENAME TO " + PgIdent.quote(step.target()));
      } catch (SQLException e) {
        cause.addSuppressed(new SQLException("the existing database stays renamed to " + step.renamedTo()
            + ": renaming it back failed: " + e.getMessage(), e));
      }
    }

    private SourceException swapFailed(
        Connection c, RestorePlan plan, int failed, List<String> done, Exception cause, int versionNum) {
      List<String> left = new ArrayList<>(stagingDatabases.subList(failed, stagingDatabases.size()));
      // Roles created for databases already in place own them now; they stay with them.
      List<String> roles = done.isEmpty() ? createdRoles : List.of();
      StringBuilder what = new StringBuilder();
      what.append("restore to ").append(request.targetName()).append(" loaded everything but could not put ")
          .append(plan.databases().get(failed).target()).append(" in place: ").append(message(cause));
      if (!done.isEmpty()) {
        what.append("; restored and kept: ").append(done);
      }
      what.append("; ").append(leftovers(c, left, roles, versionNum));
      Reason reason = cause instanceof SourceException se ? se.reason()
          : OBJECT_IN_USE.equals(((SQLException) cause).getSQLState()) ? Reason.TARGET_IN_USE : Reason.SERVER_ERROR;
      return new SourceException(reason, what.toString(), cause);
    }

    /**
     * Drops the staging databases and roles this run created, or with keep-failed says exactly
     * how to drop them; returns the words for the failure message.
     */
    private String leftovers(Connection c, List<String> databases, List<String> roles, int versionNum) {
      if (databases.isEmpty() && roles.isEmpty()) {
        return "nothing was created";
      }
      String which = "staging databases " + databases + (roles.isEmpty() ? "" : " and created roles " + roles);
      if (request.keepFailed()) {
        return "kept " + which + " for inspection (keep-failed); to drop them: " + dropCommand(databases, roles);
      }
      List<String> problems = drop(c, databases, roles, versionNum);
      return "dropped " + which + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
    }

    /** A psql command line that drops what a kept failed restore left; it holds no password. */
    private String dropCommand(List<String> databases, List<String> roles) {
      NodeAccess node = request.target();
      List<String> words = new ArrayList<>(List.of(
          "psql", "-h", node.host(), "-p", String.valueOf(node.port()), "-U", node.adminUser(), "-d", "postgres"));
      for (String db : databases) {
        words.add("-c");
        words.add("DROP DATABASE " + PgIdent.quote(db));
      }
      for (int i = roles.size() - 1; i >= 0; i--) {
        words.add("-c");
        words.add("DROP ROLE " + PgIdent.quote(roles.get(i)));
      }
      return ShellWords.join(words);
    }

    void loadInto(RestorePlan plan) throws IOException {
      List<String> touched = new ArrayList<>();
      try {
        for (int i = 0; i < plan.databases().size(); i++) {
          String target = plan.databases().get(i).target();
          touched.add(target);
          new PgMemberLoad(
                  connector, psql, target, backup.members().get(i), source, Kind.DATA,
                  jobs, sizes, true, cancellation)
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
      return new SourceException(
          reason(cause),
          "restore to " + request.targetName() + " failed: " + message(cause) + "; existing databases untouched; "
              + leftovers(c, stagingDatabases, createdRoles, versionNum),
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

  /** The SQLSTATE of "database is being accessed by other users". */
  private static final String OBJECT_IN_USE = "55006";

  private static Reason reason(Exception e) {
    return e instanceof SourceException se ? se.reason() : Reason.SERVER_ERROR;
  }

  /** The server's words for a failed statement, on one line. */
  private static String message(Exception e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return text.replaceAll("\\s*\\n\\s*", "; ");
  }

  /**
   * Drops databases, then roles in the reverse order of their creation (a role created later may be
   * a member of one created earlier). Tries everything; returns what could not be dropped.
   */
  static List<String> drop(Connection c, List<String> databases, List<String> roles, int versionNum) {
    List<String> problems = new ArrayList<>();
    for (String db : databases) {
      try {
        execute(c, dropDatabase(db, versionNum >= 130000));
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

  /**
   * FORCE (PostgreSQL 13+) ends other sessions instead of failing on them: for databases this run
   * created, and for an existing target only when the user asked for its sessions to be ended.
   */
  private static String dropDatabase(String name, boolean force) {
    return "DROP DATABASE IF EXISTS " + PgIdent.quote(name) + (force ? " WITH (FORCE)" : "");
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
