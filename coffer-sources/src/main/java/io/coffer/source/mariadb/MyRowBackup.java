package io.coffer.source.mariadb;

import io.coffer.model.Kind;
import io.coffer.source.BackupRequest;
import io.coffer.source.ContentDigest;
import io.coffer.source.StreamSink;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.TaskGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The member streams of a MariaDB backup whose rows are read here ({@link MyRowReader}): each
 * stream is the schema mariadb-dump writes without rows and triggers, then the rows, then the
 * triggers (last, so that they do not fire while the rows load).
 *
 * <p>Design: three tasks side by side, because for a database of many small tables each takes a
 * similar few tenths of a second: the schema dump and the trigger dump (each one mariadb-dump of
 * all members, split per member into memory: schema is small) and the rows, which open their
 * snapshot at once, then wait for the schema before writing the first stream, and for the triggers
 * before ending each one. The first failure stops the others ({@link TaskGroup}): the dumps are
 * killed, the rows' connection aborted (even while it waits for the server), and a task waiting for
 * a dump's output is woken.
 */
final class MyRowBackup {

  private final BackupRequest request;
  private final StreamSink sink;
  private final MyTools tools;
  private final MyConnector connector;

  MyRowBackup(BackupRequest request, StreamSink sink, MyTools tools, MyConnector connector) {
    this.request = request;
    this.sink = sink;
    this.tools = tools;
    this.connector = connector;
  }

  /** Writes every member's stream; returns each member's table digests. */
  Map<String, Map<String, ContentDigest>> run(List<String> members, MyRowReader.Plan plan) throws IOException {
    boolean schema = request.kind().hasSchema();
    boolean triggers = schema && !request.extraParameters().contains("--skip-triggers");
    CompletableFuture<Map<String, byte[]>> schemaParts =
        schema ? new CompletableFuture<>() : CompletableFuture.completedFuture(Map.of());
    CompletableFuture<Map<String, byte[]>> triggerParts =
        triggers ? new CompletableFuture<>() : CompletableFuture.completedFuture(Map.of());
    Map<String, Map<String, ContentDigest>> out = new LinkedHashMap<>();
    Cancellation cancellation = new Cancellation();
    TaskGroup group = new TaskGroup("backup of " + String.join(", ", members), 3, cancellation);
    if (schema) {
      group.add("the schema dump", c -> schemaParts.complete(
          dumpToMemory(members, List.of("--no-data", "--skip-triggers"), "the schema of ", c)));
    }
    if (triggers) {
      group.add("the trigger dump", c -> triggerParts.complete(dumpToMemory(members,
          List.of("--no-data", "--no-create-info", "--skip-routines", "--skip-events", "--triggers"), "the triggers of ",
          c)));
    }
    group.add("the rows", c -> {
      try (MyRowReader reader = MyRowReader.open(connector);
          Cancellation.Registration stopReading = reader.stopOn(c);
          Cancellation.Registration stopWaiting = c.onCancel(() -> {
            schemaParts.cancel(false);
            triggerParts.cancel(false);
          })) {
        for (String db : members) {
          try (OutputStream stream = sink.create(MyLayout.dump(db))) {
            stream.write(schemaParts.get().getOrDefault(db, new byte[0]));
            out.put(db, reader.write(plan.tables().get(db), stream));
            stream.write(triggerParts.get().getOrDefault(db, new byte[0]));
          }
        }
      }
    });
    group.run();
    return out;
  }

  /** One mariadb-dump of the members with {@code more} options, split by member into memory. */
  private Map<String, byte[]> dumpToMemory(List<String> members, List<String> more, String what,
      Cancellation cancellation) throws IOException {
    Map<String, ByteArrayOutputStream> parts = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (String db : members) {
      names.put(db, db);
    }
    DumpSplitter splitter = new DumpSplitter(name -> {
      ByteArrayOutputStream part = new ByteArrayOutputStream();
      parts.put(name, part);
      return part;
    }, names);
    try (splitter) {
      ChildProcess.run(MyBackup.dumpCommand(tools, connector, request, members, MyBackup.dumpOptions(Kind.FULL), more,
          what), null, splitter, cancellation);
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    parts.forEach((db, part) -> out.put(db, part.toByteArray()));
    return out;
  }
}
