package io.coffer.source.postgres;

import io.coffer.model.Kind;
import io.coffer.source.MemberReport;
import io.coffer.source.RecordingSink;
import io.coffer.source.SourceException;
import io.coffer.source.SourceJson;
import io.coffer.source.TableReport;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import io.coffer.source.process.TaskGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Backs up one database through its exported snapshot.
 *
 * <p>Design: the schema's pg_dump children (pre-data, post-data) start first, on a task group of
 * their own, as soon as the snapshot exists; meanwhile the leader writes the small streams (database
 * properties, sequence values) itself, then a second task group runs N COPY workers, N being the job
 * count, and the large objects' pg_dump when the snapshot holds any. Each worker holds one
 * connection in the snapshot and takes the next table from a queue ordered largest first, so one
 * huge table does not end up last. Every stream goes straight from the server into the sink. Both
 * groups share one cancellation: the first failure stops everything, and it is the one reported.
 */
final class PgMemberDump {

  private final PgSnapshot snapshot;
  private final long size;
  private final PgConnector connector;
  private final PgInstallation tools;
  private final RecordingSink sink;
  private final Kind kind;
  private final int jobs;
  private final int serverVersionNum;
  private final Cancellation cancellation;
  /** The schema's pg_dump runs once {@link #startSchema} started them. */
  private CompletableFuture<Void> schema;
  /**
   * The large-objects script of a database that held none when its snapshot was taken: psql runs it
   * as it runs pg_dump's, and it changes nothing.
   */
  static final byte[] NO_LARGE_OBJECTS =
      "-- no large objects in the snapshot; pg_dump was not run for them\n".getBytes(StandardCharsets.UTF_8);
  /** Options of the definition for every pg_dump run ({@link io.coffer.source.ExtraParameters}). */
  private final List<String> extraParameters;

  PgMemberDump(
      PgSnapshot snapshot,
      long size,
      PgConnector connector,
      PgInstallation tools,
      RecordingSink sink,
      Kind kind,
      int jobs,
      int serverVersionNum,
      Cancellation cancellation,
      List<String> extraParameters) {
    this.snapshot = snapshot;
    this.size = size;
    this.connector = connector;
    this.tools = tools;
    this.sink = sink;
    this.kind = kind;
    this.jobs = jobs;
    this.serverVersionNum = serverVersionNum;
    this.cancellation = cancellation;
    this.extraParameters = extraParameters;
  }

  /**
   * Starts the pg_dump runs of the schema (pre-data, post-data) on a thread of their own, unless
   * started already or the kind has no schema. They need nothing but the snapshot, and each spends
   * most of its time starting up and reading the server's catalogs: started before the leader's own
   * questions (the roles, the tables, the database's properties), they run beside them instead of
   * after them. {@link #run} waits for them; {@link #stopSchema} stops them when the run never comes.
   */
  void startSchema() {
    if (!kind.hasSchema() || schema != null) {
      return;
    }
    String db = snapshot.database();
    TaskGroup dumps = new TaskGroup("schema of " + db, Integer.MAX_VALUE, cancellation);
    dumps.add(
        "pre-data",
        c -> dump("pre-data", PgLayout.preData(db), c, "--format=plain", "--section=pre-data", "--no-blobs"));
    // An archive, not a script: it keeps the dependencies pg_restore needs to build indexes and
    // constraints in parallel. Uncompressed, because the volume compresses.
    dumps.add(
        "post-data",
        c -> dump("post-data", PgLayout.postDataArchive(db), c, "--format=custom", "--compress=0", "--section=post-data"));
    CompletableFuture<Void> done = new CompletableFuture<>();
    schema = done;
    Thread thread = new Thread(() -> {
      try {
        dumps.run();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "schema of " + db);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the schema's pg_dump runs if they are still going (the backup failed before {@link #run}), and waits for them. */
  void stopSchema() {
    if (schema != null && !schema.isDone()) {
      cancellation.cancel();
      awaitSchema();
    }
  }

  String database() {
    return snapshot.database();
  }

  /** Waits for the schema's pg_dump runs; their failure, or null. */
  private IOException awaitSchema() {
    if (schema == null) {
      return null;
    }
    try {
      schema.join();
      return null;
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        return io;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  MemberReport run() throws IOException {
    startSchema();
    MemberReport report;
    try {
      report = leaderAndData();
    } catch (IOException | RuntimeException | Error e) {
      // Whichever failed first cancelled the rest: report that failure, not what it caused.
      cancellation.cancel();
      IOException schemaFailure = awaitSchema();
      if (schemaFailure != null && cancelled(e) && !cancelled(schemaFailure)) {
        throw schemaFailure;
      }
      throw e;
    }
    IOException schemaFailure = awaitSchema();
    if (schemaFailure != null) {
      throw schemaFailure;
    }
    return report;
  }

  private static boolean cancelled(Throwable e) {
    return e instanceof SourceException se && se.reason() == SourceException.Reason.CANCELLED;
  }

  /** What the leader writes itself, then the tables and large objects. */
  private MemberReport leaderAndData() throws IOException {
    String db = snapshot.database();
    Connection leader = snapshot.leader();
    List<String> streams = new ArrayList<>();
    List<PgTable> tables;
    boolean largeObjects;
    try {
      tables = kind.hasData() ? PgCatalog.tables(leader) : List.of();
      largeObjects = kind.hasData() && PgCatalog.hasLargeObjects(leader);
      snapshot.lock(tables);
      if (kind.hasSchema()) {
        write(
            PgLayout.database(db),
            SourceJson.mapper().writeValueAsBytes(PgCatalog.database(leader, serverVersionNum)));
        streams.add(PgLayout.database(db));
        streams.add(PgLayout.preData(db));
      }
      if (kind.hasData()) {
        write(
            PgLayout.sequences(db),
            (String.join("\n", PgCatalog.sequenceValues(leader)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    } catch (SQLException e) {
      throw connector.failure(e, db);
    }
    Map<String, TableReport> copied = new ConcurrentHashMap<>();
    // Every task gets a thread of its own: the jobs bound the COPY workers, the server's heavy work,
    // while the pg_dump children spend most of their time starting up and reading the server's
    // catalogs. Queued behind the children on a pool of N threads, the largest table started a
    // second or more late, and the backup ended that much later.
    TaskGroup group = new TaskGroup("backup of " + db, Integer.MAX_VALUE, cancellation);
    if (kind.hasData()) {
      Queue<PgTable> queue = new ConcurrentLinkedQueue<>(tables);
      for (int i = 0; i < Math.min(jobs, tables.size()); i++) {
        group.add("copy worker " + (i + 1), c -> copyWorker(queue, copied, c));
      }
      if (largeObjects) {
        group.add(
            "large objects",
            c -> dump("large objects", PgLayout.largeObjects(db), c, "--format=plain", "--data-only", "--exclude-table-data=*.*"));
      } else {
        // A pg_dump run reads the whole schema before it looks for large objects: a third of a
        // small database's dump work (and of its backup's time) for a script that creates nothing.
        // The leader asked within the snapshot, so the answer is the one pg_dump would have found.
        write(PgLayout.largeObjects(db), NO_LARGE_OBJECTS);
      }
    }
    group.run();
    for (PgTable t : tables) {
      streams.add(PgLayout.table(db, t));
    }
    if (kind.hasData()) {
      streams.add(PgLayout.sequences(db));
      streams.add(PgLayout.largeObjects(db));
    }
    if (kind.hasSchema()) {
      streams.add(PgLayout.postDataArchive(db));
    }
    List<TableReport> reports = new ArrayList<>(copied.values());
    reports.sort(Comparator.comparing(TableReport::schema).thenComparing(TableReport::table));
    return new MemberReport(db, size, streams, reports);
  }

  private void write(String name, byte[] bytes) throws IOException {
    try (OutputStream out = sink.create(name)) {
      out.write(bytes);
    }
  }

  private void dump(String what, String stream, Cancellation c, String... formatAndSection)
      throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(tools.pgDump().toString());
    argv.add("--no-password");
    argv.add("--snapshot=" + snapshot.id());
    argv.add("--lock-wait-timeout=" + PgSnapshot.LOCK_TIMEOUT);
    argv.addAll(List.of(formatAndSection));
    argv.addAll(extraParameters);
    argv.add("--dbname=" + connector.conninfo(snapshot.database()));
    Command command =
        new Command("pg_dump " + what + " of " + snapshot.database(), argv, connector.childEnvironment());
    try (OutputStream out = sink.create(stream)) {
      ChildProcess.run(command, null, out, c);
    }
  }

  private void copyWorker(Queue<PgTable> queue, Map<String, TableReport> copied, Cancellation c)
      throws IOException {
    Connection connection = connector.open(snapshot.database());
    try (Cancellation.Registration stop = c.abortOnCancel(connection)) {
      snapshot.importInto(connection);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      PgTable table;
      while ((table = queue.poll()) != null) {
        String stream = PgLayout.table(snapshot.database(), table);
        CopyDigestStream rows;
        try (OutputStream out = sink.create(stream)) {
          rows = CopyDigestStream.of(table, out);
          copy.copyOut(table.copyOut(), rows);
          rows.finish();
        }
        copied.put(stream, table.report(rows.digest().rows(), rows.digest().checksum(), stream));
      }
      connection.rollback();
    } catch (SQLException e) {
      throw connector.failure(e, snapshot.database());
    } finally {
      PgConnector.close(connection);
    }
  }
}
