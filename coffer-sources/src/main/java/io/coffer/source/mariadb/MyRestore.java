package io.coffer.source.mariadb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coffer.source.BackupReport;
import io.coffer.source.ConflictPolicy;
import io.coffer.source.Kind;
import io.coffer.source.MemberReport;
import io.coffer.source.RestoreNames;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestorePlan.DatabaseStep;
import io.coffer.source.RestorePlan.Existing;
import io.coffer.source.RestorePlan.RoleStep;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.RolePolicy;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceJson;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.Versions;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One MariaDB restore.
 *
 * <p>Design: MariaDB cannot rename a database, so an existing target is dealt with before loading:
 * rename-existing copies it to {@code <db>_<timestamp>} (one consistent dump piped into the client)
 * and then drops it; drop-existing drops it. Missing accounts are created first; every member is
 * then loaded with the mariadb client; database-level grants are applied last, under the target
 * names, because table and routine grants need their objects. A failure drops the databases and
 * accounts this restore created (unless keep-failed); a database renamed out of the way stays where
 * it was put, and the message says where.
 */
final class MyRestore {

  /** MariaDB's limit on database names, in characters. */
  private static final int MAX_NAME = 64;

  private final BackupReport backup;
  private final RestoreRequest request;
  private final MyTools tools;

  MyRestore(BackupReport backup, RestoreRequest request, MyTools tools) {
    this.backup = backup;
    this.request = request;
    this.tools = tools;
  }

  RestorePlan plan() throws IOException {
    try (MyConnector connector = new MyConnector(request.target());
        Connection c = connector.open(null)) {
      String targetVersion = MyBackup.serverVersion(c);
      if (Versions.compare(backup.serverVersion(), targetVersion, 2) > 0) {
        throw new SourceException(
            Reason.VERSION_TOO_NEW,
            "backup comes from MariaDB "
                + backup.serverVersion()
                + ", newer than the target node "
                + request.target().label()
                + " (MariaDB "
                + targetVersion
                + "); restore it to a server of version "
                + String.join(".", Versions.numbers(backup.serverVersion()).subList(0, 2).stream().map(String::valueOf).toList())
                + " or later");
      }
      tools.client();
      List<String> targets = RestoreNames.targets(backup, request);
      Set<String> existing = new HashSet<>(MyBackup.databases(c));
      String stamp = RestoreNames.timestamp(Instant.now());
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
        } else if (request.conflict() == ConflictPolicy.RENAME_EXISTING) {
          String renamed = checkName(RestoreNames.suffixed(target, stamp));
          if (existing.contains(renamed)) {
            throw new SourceException(
                Reason.TARGET_EXISTS, "cannot rename " + target + " out of the way: " + renamed + " exists too");
          }
          steps.add(new DatabaseStep(member.database(), target, Existing.RENAME, renamed));
          warnings.add(
              "MariaDB cannot rename a database: " + target + " is copied to " + renamed
                  + " and then dropped; grants naming " + target + " stay with the new " + target);
        } else if (request.conflict() == ConflictPolicy.DROP_EXISTING) {
          steps.add(new DatabaseStep(member.database(), target, Existing.DROP, null));
          warnings.add(
              target + " is dropped before the backup is loaded; if loading fails it is gone"
                  + " (rename-existing keeps it)");
        } else {
          throw new SourceException(
              Reason.TARGET_EXISTS,
              "target database " + target + " exists on " + request.target().label()
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
        if (request.roles() == RolePolicy.FAIL) {
          throw new SourceException(
              Reason.ROLE_EXISTS,
              "accounts of the backup exist on " + request.target().label() + ": "
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
      return new RestorePlan(backup.engine(), backup.kind(), request.target().label(), steps, roles, extra, warnings);
    } catch (SQLException e) {
      throw new SourceException(
          Reason.SERVER_ERROR, "cannot plan the restore on " + request.target().label() + ": " + e.getMessage(), e);
    }
  }

  private DatabaseStep dataStep(Connection c, MemberReport member, String target, boolean exists)
      throws SQLException, SourceException {
    if (request.conflict() != ConflictPolicy.REFUSE) {
      throw new SourceException(
          Reason.INVALID_REQUEST,
          "a DATA backup loads into an existing database; conflict policy " + request.conflict() + " does not apply");
    }
    if (!exists) {
      throw new SourceException(
          Reason.NO_SUCH_DATABASE,
          "a DATA backup loads into an existing database, and " + target + " does not exist on "
              + request.target().label() + "; create it first (from a SCHEMA backup, for instance)");
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

  RestoreReport run(RestorePlan plan, StreamSource source, SourceListener listener) throws IOException {
    Instant started = Instant.now();
    List<String> created = new ArrayList<>();
    List<String> renamed = new ArrayList<>();
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
          if (step.existing() == Existing.RENAME) {
            copyDatabase(connector, c, step.target(), step.renamedTo());
            renamed.add(step.target() + " -> " + step.renamedTo());
            execute(c, "DROP DATABASE " + MyAccounts.quote(step.target()));
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
        throw cleanUp(c, plan, e, created, writer, renamed);
      }
    } catch (SQLException e) {
      throw new SourceException(Reason.SERVER_ERROR, request.target().label() + ": " + e.getMessage(), e);
    }
    return new RestoreReport(
        plan, false, started, Instant.now(),
        plan.databases().stream().map(DatabaseStep::target).toList(), writer.createdLabels(), plan.warnings());
  }

  private SourceException cleanUp(
      Connection c, RestorePlan plan, Exception cause, List<String> created, MyAccountWriter writer,
      List<String> renamed) {
    StringBuilder what = new StringBuilder();
    if (request.keepFailed()) {
      what.append("kept databases ").append(created).append(" and accounts ").append(writer.createdLabels())
          .append(" for inspection (keep-failed)");
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
    if (!renamed.isEmpty()) {
      what.append("; databases moved out of the way are kept: ").append(renamed);
    }
    return new SourceException(
        cause instanceof SourceException se ? se.reason() : Reason.SERVER_ERROR,
        "restore to " + request.target().label() + " failed: " + cause.getMessage() + "; " + what,
        cause);
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
