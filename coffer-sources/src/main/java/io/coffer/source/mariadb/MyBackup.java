package io.coffer.source.mariadb;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.ContentDigest;
import io.coffer.source.MemberReport;
import io.coffer.source.RecordingSink;
import io.coffer.source.SourceJson;
import io.coffer.source.SourceListener;
import io.coffer.source.TableReport;
import io.coffer.source.Versions;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MariaDB backup. All members go through a single dump invocation, hence a single transaction
 * ({@code --single-transaction}), whose output is split into one stream per member as it arrives.
 */
final class MyBackup {

  /** Databases that belong to the server itself; never members. */
  static final List<String> SYSTEM_DATABASES =
      List.of("information_schema", "performance_schema", "mysql", "sys");

  private final BackupRequest request;
  private final RecordingSink sink;
  private final SourceListener listener;
  private final MyTools tools;

  MyBackup(BackupRequest request, RecordingSink sink, SourceListener listener, MyTools tools) {
    this.request = request;
    this.sink = sink;
    this.listener = listener;
    this.tools = tools;
  }

  static List<String> databases(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1")) {
      while (r.next()) {
        if (!SYSTEM_DATABASES.contains(r.getString(1))) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  static String serverVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT VERSION()")) {
      r.next();
      return Versions.dotted(r.getString(1));
    }
  }

  BackupReport run() throws IOException {
    Instant started = Instant.now();
    Kind kind = request.kind();
    try (MyConnector connector = new MyConnector(request.node())) {
      String serverVersion;
      List<String> members;
      Map<String, Long> sizes = new LinkedHashMap<>();
      List<String> roles = List.of();
      MyRowReader.Plan rowPlan = null;
      try (Connection c = connector.open(null)) {
        serverVersion = serverVersion(c);
        members = request.databases().resolve(databases(c), request.node().label());
        for (String db : members) {
          sizes.put(db, size(c, db));
          if (kind.hasSchema()) {
            write(MyLayout.database(db), SourceJson.mapper().writeValueAsBytes(properties(c, db)));
          }
        }
        listener.expected(sizes.values().stream().mapToLong(Long::longValue).sum());
        if (kind.hasSchema()) {
          List<MyAccount> accounts = MyAccounts.capture(c, members, kind == Kind.CLUSTER);
          write(MyLayout.ACCOUNTS, SourceJson.mapper().writeValueAsBytes(accounts));
          roles = accounts.stream().map(MyAccount::label).toList();
        }
        if (kind != Kind.SCHEMA) {
          rowPlan = MyRowReader.plan(c, members, request.extraParameters(), tools.dump());
        }
      } catch (SQLException e) {
        throw connector.failure(e, null);
      }
      String toolVersion = tools.dumpVersion();
      Map<String, Map<String, ContentDigest>> digests;
      String consistency;
      if (rowPlan != null && rowPlan.refusal().isEmpty()) {
        digests = new MyRowBackup(request, sink, tools, connector).run(members, rowPlan);
        consistency = "one consistent snapshot (as --single-transaction takes) for every member's rows: every member is"
            + " as of one instant, for transactional (InnoDB) tables; the schema is dumped just before, users and"
            + " grants are read before that";
      } else {
        if (rowPlan != null) {
          listener.info("rows dumped by mariadb-dump: " + rowPlan.refusal().get());
        }
        digests = dumpRows(connector, members);
        consistency = "one dump in one transaction (--single-transaction): every member is as of one instant,"
            + " for transactional (InnoDB) tables; users and grants are read just before";
      }
      List<MemberReport> reports = new ArrayList<>();
      for (String db : members) {
        List<String> names = new ArrayList<>();
        if (kind.hasSchema()) {
          names.add(MyLayout.database(db));
        }
        names.add(MyLayout.dump(db));
        reports.add(new MemberReport(db, sizes.get(db), names, tables(digests.get(db), MyLayout.dump(db))));
      }
      return new BackupReport(
          BackupReport.LAYOUT,
          Engine.MARIADB,
          kind,
          request.node().label(),
          serverVersion,
          toolVersion,
          started,
          Instant.now(),
          consistency,
          roles,
          reports,
          sink.streams());
    }
  }

  /** The rows through one mariadb-dump, split into member streams and scanned as they pass. */
  private Map<String, Map<String, ContentDigest>> dumpRows(MyConnector connector, List<String> members)
      throws IOException {
    Map<String, String> streams = new LinkedHashMap<>();
    for (String db : members) {
      streams.put(db, MyLayout.dump(db));
    }
    DumpSplitter splitter = new DumpSplitter(sink, streams);
    try (splitter) {
      ChildProcess.run(
          dumpCommand(tools, connector, request, members, dumpOptions(request.kind()), List.of(), ""), null, splitter,
          new Cancellation());
    }
    Map<String, Map<String, ContentDigest>> out = new LinkedHashMap<>();
    for (String db : members) {
      out.put(db, splitter.scanners().get(db).tables());
    }
    return out;
  }

  /**
   * A mariadb-dump of {@code members} with {@code options}, then the request's extra parameters (so that
   * an accepted --skip-routines overrides --routines), then {@code last}; {@code what} names it in messages.
   */
  static Command dumpCommand(MyTools tools, MyConnector connector, BackupRequest request, List<String> members,
      List<String> options, List<String> last, String what) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(tools.dump().toString());
    argv.addAll(connector.clientArguments());
    argv.addAll(options);
    argv.addAll(request.extraParameters());
    argv.addAll(last);
    argv.add("--databases");
    argv.addAll(members);
    return new Command(
        tools.dump().getFileName() + " of " + what + (members.size() == 1 ? members.get(0) : members.size() + " databases"),
        argv);
  }

  /**
   * The options every dump uses. Data formatting options (hex for binary, UTC timestamps, no dump
   * date) are the same for backup and verification, so the same rows dump to the same bytes.
   */
  static List<String> dumpOptions(Kind kind) {
    List<String> options =
        new ArrayList<>(
            List.of("--single-transaction", "--quick", "--hex-blob", "--tz-utc", "--skip-dump-date", "--no-create-db"));
    if (kind == Kind.DATA) {
      options.addAll(List.of("--no-create-info", "--skip-triggers"));
    } else {
      options.addAll(List.of("--routines", "--triggers", "--events"));
      if (kind == Kind.SCHEMA) {
        options.add("--no-data");
      }
    }
    return options;
  }

  static List<TableReport> tables(Map<String, ContentDigest> digests, String stream) {
    List<TableReport> out = new ArrayList<>();
    for (Map.Entry<String, ContentDigest> e : digests.entrySet()) {
      out.add(new TableReport(null, e.getKey(), e.getValue().rows(), e.getValue().checksum(), stream, List.of()));
    }
    return out;
  }

  private void write(String name, byte[] bytes) throws IOException {
    try (OutputStream out = sink.create(name)) {
      out.write(bytes);
    }
  }

  private static long size(Connection c, String db) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ?")) {
      p.setString(1, db);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static MyDatabase properties(Connection c, String db) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME, SCHEMA_COMMENT"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      p.setString(1, db);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        String comment = r.getString(3);
        return new MyDatabase(db, r.getString(1), r.getString(2), comment == null || comment.isEmpty() ? null : comment);
      }
    }
  }
}
