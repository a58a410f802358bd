package io.coffer.source.postgres;

import io.coffer.model.Kind;
import io.coffer.source.MemberReport;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.postgres.PgCatalog.PgColumnType;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import io.coffer.source.process.SecretFile;
import io.coffer.source.process.TaskGroup;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads one member's streams into a database: pre-data, then table data in parallel together with
 * sequence values and large objects, then post-data, so indexes and constraints are built once over
 * the loaded rows instead of being maintained row by row.
 *
 * <p>Design, all for speed: tables are handed out largest first, so the longest load starts at
 * once. Into a table this restore created, a table is truncated and loaded with {@code COPY ...
 * FREEZE} in one transaction: its rows are written frozen and marked all-visible, so the index
 * builds and the first queries do not rewrite every page to set hint bits (and with {@code
 * wal_level = minimal} the load skips the WAL). Post-data is a pg_dump archive restored by {@code
 * pg_restore --jobs}, which builds independent indexes and constraints on several connections in
 * dependency order with the server's own sort memory, with no more jobs than the cores of a server
 * on this host ({@link PgRestoreJobs}); backups written before that hold a plain script, run by one
 * psql. A floor of 256 MB of maintenance_work_mem was measured slower, not faster:
 * two concurrent index builds of 5 million rows took 7.2–7.9 s against 5.0–6.1 s at the server's 64 MB
 * on two cores (docs/benchmarks.md), so the server's setting stands, as under pg_restore.
 *
 * <p>Loading sessions run with {@code synchronous_commit = off}: a crash mid-restore loses the
 * restore anyway, and the restore's last commit (made with the default setting) flushes the WAL of
 * everything before it.
 */
final class PgMemberLoad {

  private final PgConnector connector;
  private final PgInstallation psql;
  private final String database;
  private final MemberReport member;
  private final StreamSource source;
  private final Kind kind;
  private final PgRestoreJobs jobs;
  private final Map<String, Long> streamSizes;
  private final boolean intoExisting;
  private final Cancellation cancellation;

  /**
   * @param database the database to load into
   * @param intoExisting a DATA restore into an existing schema: triggers and foreign keys are
   *     already there, so loading sessions run as replication sessions, which skips them
   */
  PgMemberLoad(
      PgConnector connector,
      PgInstallation psql,
      String database,
      MemberReport member,
      StreamSource source,
      Kind kind,
      PgRestoreJobs jobs,
      Map<String, Long> streamSizes,
      boolean intoExisting,
      Cancellation cancellation) {
    this.connector = connector;
    this.psql = psql;
    this.database = database;
    this.member = member;
    this.source = source;
    this.kind = kind;
    this.jobs = jobs;
    this.streamSizes = streamSizes;
    this.intoExisting = intoExisting;
    this.cancellation = cancellation;
  }

  void run() throws IOException {
    String db = member.database();
    if (kind.hasSchema()) {
      psql("pre-data", PgLayout.preData(db), true, cancellation);
    }
    if (kind.hasData()) {
      List<TableReport> tables = new ArrayList<>(member.tables());
      tables.sort(
          Comparator.comparingLong((TableReport t) -> -streamSizes.getOrDefault(t.stream(), 0L)));
      Queue<TableReport> queue = new ConcurrentLinkedQueue<>(tables);
      TaskGroup group = new TaskGroup("restore of " + database, jobs.asked(), cancellation);
      group.add("sequences", c -> psql("sequences", PgLayout.sequences(db), false, c));
      group.add("large objects", c -> psql("large objects", PgLayout.largeObjects(db), false, c));
      for (int i = 0; i < Math.min(jobs.asked(), tables.size()); i++) {
        group.add("copy loader " + (i + 1), c -> copyLoader(queue, c));
      }
      group.run();
    }
    if (kind.hasSchema()) {
      if (member.streams().contains(PgLayout.postDataArchive(db))) {
        pgRestore("post-data", PgLayout.postDataArchive(db));
      } else {
        psql("post-data", PgLayout.postData(db), true, cancellation);
      }
    }
  }

  /**
   * Restores a pg_dump archive with the post-data jobs ({@link PgRestoreJobs}); pg_restore needs it
   * in a seekable file.
   */
  private void pgRestore(String what, String stream) throws IOException {
    try (InputStream in = source.open(stream);
        SecretFile archive = SecretFile.copyOf("coffer-" + what + "-", in)) {
      List<String> argv =
          List.of(
              psql.pgRestore().toString(),
              "--no-password",
              "--exit-on-error",
              "--jobs=" + jobs.postData(),
              "--dbname=" + connector.conninfo(database),
              archive.path().toString());
      Map<String, String> env = new HashMap<>(connector.childEnvironment());
      env.put("PGOPTIONS", "-c synchronous_commit=off");
      ChildProcess.run(
          new Command("pg_restore " + what + " into " + database, argv, env), null, null, cancellation);
    }
  }

  private void psql(String what, String stream, boolean singleTransaction, Cancellation c)
      throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(psql.psql().toString());
    argv.add("--no-psqlrc");
    argv.add("--quiet");
    argv.add("--no-password");
    argv.add("--set=ON_ERROR_STOP=1");
    if (singleTransaction) {
      argv.add("--single-transaction");
    }
    argv.add("--file=-");
    argv.add("--dbname=" + connector.conninfo(database));
    Map<String, String> env = new HashMap<>(connector.childEnvironment());
    env.put(
        "PGOPTIONS",
        "-c synchronous_commit=off" + (intoExisting ? " -c session_replication_role=replica" : ""));
    try (InputStream in = source.open(stream)) {
      ChildProcess.run(new Command("psql " + what + " into " + database, argv, env), in, null, c);
    }
  }

  private static boolean mayTruncate(Connection c, PgTable t) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT has_table_privilege(" + PgIdent.literal(t.qualified()) + ", 'TRUNCATE')")) {
      r.next();
      return r.getBoolean(1);
    }
  }

  private void copyLoader(Queue<TableReport> queue, Cancellation c) throws IOException {
    Connection connection = connector.open(database);
    try (Cancellation.Registration stop = c.abortOnCancel(connection)) {
      try (Statement s = connection.createStatement()) {
        s.execute("SET synchronous_commit = off");
        if (intoExisting) {
          s.execute("SET session_replication_role = replica");
        }
      }
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      TableReport table;
      while ((table = queue.poll()) != null) {
        PgTable t = PgTable.recorded(table);
        Map<String, PgColumnType> changed =
            intoExisting && t.binary()
                ? PgStagedLoad.changed(t, PgCatalog.columnTypes(connection, t.qualified()))
                : Map.of();
        try (InputStream in = source.open(table.stream())) {
          if (!changed.isEmpty()) {
            PgStagedLoad.load(connection, copy, t, changed, in);
          } else if (!intoExisting && mayTruncate(connection, t)) {
            // COPY FREEZE needs the table created or truncated in its own transaction; truncating
            // the empty table just created costs a new file and nothing else.
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
              s.execute("TRUNCATE ONLY " + t.qualified());
            }
            copy.copyIn(t.copyInFrozen(), in, 1 << 16);
            connection.commit();
            connection.setAutoCommit(true);
          } else {
            copy.copyIn(t.copyIn(), in, 1 << 16);
          }
        }
      }
    } catch (SQLException e) {
      throw connector.failure(e, database);
    } finally {
      PgConnector.close(connection);
    }
  }
}
