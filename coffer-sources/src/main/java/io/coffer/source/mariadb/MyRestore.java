package io.coffer.source.mariadb;

import com.fasterxml.jackson.core.type.TypeReference;
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
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.TargetSessions;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import io.coffer.source.process.ShellWords;
import io.coffer.source.process.TaskGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One MariaDB restore.
 *
 * <p>Design: MariaDB cannot rename a database, so an existing target is dealt with before loading:
 * rename-existing copies it to {@code <db>_<timestamp>} (one consistent dump piped into the client)
 * and then drops it; drop-existing drops it; sessions on such a target stop the restore first,
 * unless the request allows ending them. Missing accounts are created first; every member is
 * then loaded with the mariadb client; database-level grants are applied last, under the target
 * names, because table and routine grants need their objects. A failure drops the databases and
 * accounts this restore created (unless keep-failed) and puts a database it moved out of the way back
 * under its own name (copied back, the copy dropped), so that a failed rename-existing restore leaves
 * the server as it found it; with keep-failed the moved database stays where it was put, and the
 * message says where.
 */
final class MyRestore {

  private final BackupReport backup;
  private final RestoreRequest request;
  private final MyTools tools;

  MyRestore(BackupReport backup, RestoreRequest request, MyTools tools) {
    this.backup = backup;
    this.request = request;
    this.tools = tools;
  }

  RestoreReport run(RestorePlan plan, StreamSource source, SourceListener listener) throws IOException {
    Instant started = Instant.now();
    List<String> created = new ArrayList<>();
    Moves moves = new Moves();
    List<String> warnings = new ArrayList<>(plan.warnings());
    MyAccountWriter writer;
    try (MyConnector connector = new MyConnector(request.target());
        Connection c = connector.open(null)) {
      Map<String, String> targetOf = new HashMap<>();
      for (DatabaseStep step : plan.databases()) {
        targetOf.put(step.source(), step.target());
      }
      List<MyAccount> accounts =
          backup.kind().hasSchema() ? read(source, MyLayout.ACCOUNTS, new TypeReference<>() {}) : List.of();
      writer = new MyAccountWriter(c, accounts, targetOf, request.roles(), listener);
      try {
        writer.createMissing();
        for (int i = 0; i < plan.databases().size(); i++) {
          DatabaseStep step = plan.databases().get(i);
          MemberReport member = backup.members().get(i);
          makeWay(c, step, listener, warnings);
          if (step.existing() == Existing.RENAME) {
            moves.copying = step;
            copyDatabase(connector, c, step.target(), step.renamedTo());
            execute(c, "DROP DATABASE " + MyAccounts.quote(step.target()));
            moves.moved.add(step);
            moves.copying = null;
          } else if (step.existing() == Existing.DROP) {
            execute(c, "DROP DATABASE " + MyAccounts.quote(step.target()));
          }
          if (step.existing() != Existing.LOAD_INTO) {
            MyDatabase props = read(source, MyLayout.database(member.database()), new TypeReference<>() {});
            execute(c, createDatabase(props, step.target()));
            created.add(step.target());
          }
          listener.info("loading " + member.database() + " into " + step.target());
          load(connector, step.target(), source, MyLayout.dump(member.database()));
        }
        writer.grantDatabases();
        writer.setDefaultRoles();
      } catch (IOException | SQLException | RuntimeException e) {
        throw cleanUp(connector, c, plan, e, created, writer, moves);
      }
    } catch (SQLException e) {
      throw new SourceException(Reason.SERVER_ERROR, request.targetName() + ": " + e.getMessage(), e);
    }
    return new RestoreReport(
        plan, false, started, Instant.now(),
        plan.databases().stream().map(DatabaseStep::target).toList(), writer.createdLabels(), warnings);
  }

  /**
   * Before an existing target is copied away or dropped: the sessions on it, looked at again since
   * the plan, stop the restore, or are ended when the request allows it.
   */
  private void makeWay(Connection c, DatabaseStep step, SourceListener listener, List<String> warnings)
      throws SQLException, SourceException {
    if (step.existing() != Existing.RENAME && step.existing() != Existing.DROP) {
      return;
    }
    MySessions sessions = new MySessions(c);
    String action = step.existing() == Existing.RENAME ? "copied and dropped" : "dropped";
    TargetSessions.refuseUnlessAllowed(request, step.target(), action, sessions.holding(step.target()));
    if (request.terminateConnections()) {
      List<ClientSession> ended = TargetSessions.endAll(sessions, step.target());
      if (!ended.isEmpty()) {
        String line = "ended " + ended.size() + " session(s) on " + step.target() + " (terminate-connections): "
            + String.join(", ", ended.stream().map(ClientSession::toString).toList());
        warnings.add(line);
        listener.warn(line);
      }
    }
  }

  /** Existing targets this restore moved out of the way, and the one it is copying now. */
  private static final class Moves {
    final List<DatabaseStep> moved = new ArrayList<>();
    DatabaseStep copying;
  }

  private SourceException cleanUp(MyConnector connector, Connection c, RestorePlan plan, Exception cause,
      List<String> created, MyAccountWriter writer, Moves moves) {
    StringBuilder what = new StringBuilder();
    if (request.keepFailed()) {
      what.append("kept databases ").append(created).append(" and accounts ").append(writer.createdLabels())
          .append(" for inspection (keep-failed)");
      if (!created.isEmpty() || !writer.createdLabels().isEmpty()) {
        what.append("; to drop them: ").append(dropCommand(created, writer.dropStatements()));
      }
    } else {
      List<String> problems = new ArrayList<>();
      for (String db : created) {
        try {
          execute(c, "DROP DATABASE IF EXISTS " + MyAccounts.quote(db));
        } catch (SQLException e) {
          problems.add("could not drop " + db + ": " + e.getMessage());
        }
      }
      if (backup.kind() == Kind.DATA) {
        problems.addAll(emptyTables(c, plan));
      }
      problems.addAll(writer.dropCreated());
      what.append("dropped databases ").append(created).append(" and accounts ").append(writer.createdLabels());
      if (backup.kind() == Kind.DATA) {
        what.append(", emptied the loaded tables");
      }
      if (!problems.isEmpty()) {
        what.append("; ").append(String.join("; ", problems));
      }
    }
    what.append(putBack(connector, c, moves));
    return new SourceException(
        cause instanceof SourceException se ? se.reason() : Reason.SERVER_ERROR,
        "restore to " + request.targetName() + " failed: " + cause.getMessage() + "; " + what,
        cause);
  }

  /**
   * After a failure: a half-made copy of an existing target is dropped (the target is still there),
   * and each target moved out of the way is copied back under its own name and its copy dropped —
   * unless keep-failed kept the restored database under that name. Says what it did.
   */
  private String putBack(MyConnector connector, Connection c, Moves moves) {
    StringBuilder what = new StringBuilder();
    if (moves.copying != null && request.keepFailed()) {
      what.append("; kept the unfinished copy ").append(moves.copying.renamedTo()).append(" of ")
          .append(moves.copying.target()).append(", which is untouched");
    } else if (moves.copying != null) {
      try {
        execute(c, "DROP DATABASE IF EXISTS " + MyAccounts.quote(moves.copying.renamedTo()));
        what.append("; dropped the unfinished copy ").append(moves.copying.renamedTo()).append(" of ")
            .append(moves.copying.target()).append(", which is untouched");
      } catch (SQLException e) {
        what.append("; could not drop the unfinished copy ").append(moves.copying.renamedTo()).append(": ")
            .append(e.getMessage());
      }
    }
    for (DatabaseStep step : moves.moved) {
      if (request.keepFailed()) {
        what.append("; the existing ").append(step.target()).append(" is kept as ").append(step.renamedTo());
        continue;
      }
      try {
        copyDatabase(connector, c, step.renamedTo(), step.target());
        execute(c, "DROP DATABASE " + MyAccounts.quote(step.renamedTo()));
        what.append("; put the existing ").append(step.target()).append(" back (it had been moved to ")
            .append(step.renamedTo()).append(")");
      } catch (IOException | SQLException | RuntimeException e) {
        what.append("; could not put the existing ").append(step.target()).append(" back: ").append(e.getMessage())
            .append("; it is kept as ").append(step.renamedTo());
      }
    }
    return what.toString();
  }

  private List<String> emptyTables(Connection c, RestorePlan plan) {
    List<String> problems = new ArrayList<>();
    try {
      // The tables were empty before; their foreign keys must not stop emptying them again.
      execute(c, "SET FOREIGN_KEY_CHECKS = 0");
    } catch (SQLException e) {
      problems.add("could not disable foreign key checks: " + e.getMessage());
    }
    for (int i = 0; i < plan.databases().size(); i++) {
      String target = plan.databases().get(i).target();
      for (TableReport t : backup.members().get(i).tables()) {
        try {
          execute(c, "DELETE FROM " + MyAccounts.quote(target) + "." + MyAccounts.quote(t.table()));
        } catch (SQLException e) {
          problems.add("could not empty " + target + "." + t.table() + ": " + e.getMessage());
        }
      }
    }
    return problems;
  }

  /** A mariadb command line that drops what a kept failed restore left; it holds no password. */
  private String dropCommand(List<String> databases, List<String> dropAccounts) {
    List<String> statements = new ArrayList<>();
    for (String db : databases) {
      statements.add("DROP DATABASE " + MyAccounts.quote(db));
    }
    statements.addAll(dropAccounts);
    NodeAccess node = request.target();
    return ShellWords.join(List.of("mariadb", "-h", node.host(), "-P", String.valueOf(node.port()),
        "-u", node.adminUser(), "-e", String.join("; ", statements)));
  }

  static String createDatabase(MyDatabase props, String name) {
    return "CREATE DATABASE " + MyAccounts.quote(name)
        + " CHARACTER SET " + props.charset() + " COLLATE " + props.collation()
        + (props.comment() == null ? "" : " COMMENT '" + props.comment().replace("\\", "\\\\").replace("'", "''") + "'");
  }

  private void load(MyConnector connector, String database, StreamSource source, String stream) throws IOException {
    try (InputStream in = source.open(stream)) {
      ChildProcess.run(clientCommand(connector, database), in, null, new Cancellation());
    }
  }

  private Command clientCommand(MyConnector connector, String database) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(tools.client().toString());
    argv.addAll(connector.clientArguments());
    argv.add("--batch");
    argv.add("--database=" + database);
    return new Command(tools.client().getFileName() + " load into " + database, argv);
  }

  /** Copies a database to a new one through a pipe: one consistent dump straight into the client. */
  private void copyDatabase(MyConnector connector, Connection c, String from, String to) throws IOException, SQLException {
    String charset;
    String collation;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(
            "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                + from.replace("'", "''") + "'")) {
      r.next();
      charset = r.getString(1);
      collation = r.getString(2);
    }
    execute(c, createDatabase(new MyDatabase(to, charset, collation, null), to));
    List<String> argv = new ArrayList<>();
    argv.add(tools.dump().toString());
    argv.addAll(connector.clientArguments());
    argv.addAll(MyBackup.dumpOptions(Kind.FULL));
    argv.add(from);
    Command dump = new Command(tools.dump().getFileName() + " copy of " + from, argv);
    Command load = clientCommand(connector, to);
    try {
      PipedInputStream in = new PipedInputStream(1 << 16);
      PipedOutputStream out = new PipedOutputStream(in);
      new TaskGroup("copy of " + from, 2, new Cancellation())
          .add("dump", cancel -> {
            try (out) {
              ChildProcess.run(dump, null, out, cancel);
            }
          })
          .add("load", cancel -> {
            try (in) {
              ChildProcess.run(load, in, null, cancel);
            }
          })
          .run();
    } catch (IOException e) {
      execute(c, "DROP DATABASE IF EXISTS " + MyAccounts.quote(to));
      throw new SourceException(
          Reason.CHILD_FAILED, "could not copy " + from + " to " + to + " to keep it: " + e.getMessage(), e);
    }
  }

  private static <T> T read(StreamSource source, String stream, TypeReference<T> type)
      throws IOException {
    try (InputStream in = source.open(stream)) {
      return SourceJson.mapper().readValue(in, type);
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
