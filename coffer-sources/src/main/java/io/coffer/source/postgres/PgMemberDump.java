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
 * their own, as soon as the snapshot exists. The leader then lists and locks the tables and starts a
 * second task group: N COPY workers, N being the job count, and the large objects' pg_dump when the
 * snapshot holds any; only then does it write the small streams (database properties, sequence
 * values) itself, and its connection is free for the roles ({@link PgBackup}) while the tables are
 * copied. Each worker holds one connection in the snapshot and takes the next table from a queue
 * ordered largest first, so one huge table does not end up last. Every stream goes straight from
 * the server into the sink. Both groups share one cancellation: the first failure stops everything,
 * and it is the one reported.
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
  /** The COPY workers and the large objects' pg_dump once {@link #startData} started them. */
  private CompletableFuture<Void> data;
  /** What {@link #startData} found and the report needs: the tables and what their copies report. */
  private List<PgTable> tables = List.of();
  private final Map<String, TableReport> copied = new ConcurrentHashMap<>();
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
   * after them. {@link #run} waits for them; {@link #stop} stops them when the run never comes.
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
    schema = inBackground(dumps, "schema of " + db);
  }

  /** Runs {@code group} on a thread of its own; the future ends with it. */
  private static CompletableFuture<Void> inBackground(TaskGroup group, String name) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        group.run();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  /**
   * Stops what {@link #startSchema} and {@link #startData} started if it is still going (the backup
   * failed before {@link #run} ended), and waits for it.
   */
  void stop() {
    if ((schema != null && !schema.isDone()) || (data != null && !data.isDone())) {
      cancellation.cancel();
      await(schema);
      await(data);
    }
  }

  String database() {
    return snapshot.database();
  }

  /** Waits for a group started in the background (none: null); its failure, or null. */
  private static IOException await(CompletableFuture<Void> group) {
    if (group == null) {
      return null;
    }
    try {
      group.join();
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
    try {
      startData();
      IOException dataFailure = await(data);
      if (dataFailure != null) {
        throw dataFailure;
      }
    } catch (IOException | RuntimeException | Error e) {
      // Whichever failed first cancelled the rest: report that failure, not what it caused.
      cancellation.cancel();
      await(data);
      IOException schemaFailure = await(schema);
      if (schemaFailure != null && cancelled(e) && !cancelled(schemaFailure)) {
        throw schemaFailure;
      }
      throw e;
    }
    IOException schemaFailure = await(schema);
    if (schemaFailure != null) {
      throw schemaFailure;
    }
    return report();
  }

  private static boolean cancelled(Throwable e) {
    return e instanceof SourceException se && se.reason() == SourceException.Reason.CANCELLED;
  }

  /**
   * Starts the member's data, unless started already: the leader lists and locks the tables, starts
   * the COPY workers (and the large objects' pg_dump) in the background, then writes its own small
   * streams while they copy. Returns once the leader's connection is free again: {@link PgBackup}
   * reads the roles through it while the tables are copied, instead of before (the roles' questions
   * and their JSON took a 1,000-row database's leader 0.05–0.1 s; docs/benchmarks.md). {@link #run}
   * waits for the copies; {@link #stop} stops them when the run never comes.
   */
  void startData() throws IOException {
    if (data != null) {
      return;
    }
    String db = snapshot.database();
    Connection leader = snapshot.leader();
    boolean largeObjects;
    try {
      tables = kind.hasData() ? PgCatalog.tables(leader) : List.of();
      largeObjects = kind.hasData() && PgCatalog.hasLargeObjects(leader);
      snapshot.lock(tables);
    } catch (SQLException e) {
      throw connector.failure(e, db);
    }
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
      }
    }
    data = inBackground(group, "backup of " + db);
    try {
      if (kind.hasSchema()) {
        write(PgLayout.database(db), SourceJson.mapper().writeValueAsBytes(PgCatalog.database(leader, serverVersionNum)));
      }
      if (kind.hasData()) {
        write(
            PgLayout.sequences(db),
            (String.join("\n", PgCatalog.sequenceValues(leader)) + "\n").getBytes(StandardCharsets.UTF_8));
        if (!largeObjects) {
          // A pg_dump run reads the whole schema before it looks for large objects: a third of a
          // small database's dump work (and of its backup's time) for a script that creates nothing.
          // The leader asked within the snapshot, so the answer is the one pg_dump would have found.
          write(PgLayout.largeObjects(db), NO_LARGE_OBJECTS);
        }
      }
    } catch (SQLException e) {
      throw connector.failure(e, db);
    }
  }

  /** The member's report, once its copies ended. */
  private MemberReport report() {
    String db = snapshot.database();
    List<String> streams = new ArrayList<>();
    if (kind.hasSchema()) {
      streams.add(PgLayout.database(db));
      streams.add(PgLayout.preData(db));
    }
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
