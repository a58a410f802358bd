package io.coffer.source.postgres;

import io.coffer.source.Kind;
import io.coffer.source.MemberReport;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import io.coffer.source.process.TaskGroup;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
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
  private final int jobs;
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
      int jobs,
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
      TaskGroup group = new TaskGroup("restore of " + database, jobs, cancellation);
      group.add("sequences", c -> psql("sequences", PgLayout.sequences(db), false, c));
      group.add("large objects", c -> psql("large objects", PgLayout.largeObjects(db), false, c));
      for (int i = 0; i < Math.min(jobs, tables.size()); i++) {
        group.add("copy loader " + (i + 1), c -> copyLoader(queue, c));
      }
      group.run();
    }
    if (kind.hasSchema()) {
      psql("post-data", PgLayout.postData(db), true, cancellation);
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

  private void copyLoader(Queue<TableReport> queue, Cancellation c) throws IOException {
    Connection connection = connector.open(database);
    try (Cancellation.Registration stop = c.onCancel(() -> PgMemberDump.abort(connection))) {
      try (Statement s = connection.createStatement()) {
        s.execute("SET synchronous_commit = off");
        if (intoExisting) {
          s.execute("SET session_replication_role = replica");
        }
      }
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      TableReport table;
      while ((table = queue.poll()) != null) {
        PgTable t = new PgTable(table.schema(), table.table(), table.columns(), List.of(), 0);
        try (InputStream in = source.open(table.stream())) {
          copy.copyIn(t.copyIn(), in, 1 << 16);
        }
      }
    } catch (SQLException e) {
      throw connector.failure(e, database);
    } finally {
      PgConnector.close(connection);
    }
  }
}
