package io.coffer.source.mariadb;

import io.coffer.model.Engine;
import io.coffer.source.NodeAccess;
import io.coffer.source.PhysicalChain;
import io.coffer.source.PhysicalCheck;
import io.coffer.source.PhysicalDriver;
import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRequest;
import io.coffer.source.PhysicalRestored;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSink;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.TreeSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PHYSICAL backups of MariaDB with mariadb-backup: {@link MyBaseBackup} streams the server's files
 * (xbstream) into one stream, {@link MyBaseRestore} extracts and prepares them into a new data
 * directory, and verification starts a {@link MyCopyServer} on it and reads every table of every
 * database the backup recorded. There is no tree: the copy is mariadb-backup's, which the volume
 * deduplicates by its chunks; at a level above 0 it holds only the InnoDB pages changed since the
 * parent, and restores on its chain.
 */
public final class MyPhysicalDriver implements PhysicalDriver {

  private final MyTools tools;

  public MyPhysicalDriver() {
    this.tools = MyTools.standard();
  }

  @Override
  public Engine engine() {
    return Engine.MARIADB;
  }

  @Override
  public PhysicalReport backup(PhysicalRequest request, TreeSink trees, StreamSink streams, SourceListener listener)
      throws IOException {
    request.node().require(Engine.MARIADB);
    return new MyBaseBackup(request, tools).run(streams, listener);
  }

  @Override
  public PhysicalRestored restore(PhysicalReport backup, StreamSource streams, Path target, SourceListener listener)
      throws IOException {
    return restore(PhysicalChain.of(new PhysicalChain.Link("the backup", backup, streams)), target, listener);
  }

  @Override
  public PhysicalRestored restore(PhysicalChain chain, Path target, SourceListener listener) throws IOException {
    for (PhysicalChain.Link link : chain.backups()) {
      require(link.report());
    }
    return new MyBaseRestore(chain, tools).run(target, listener);
  }

  @Override
  public PhysicalCheck verify(PhysicalReport backup, Path restored, NodeAccess original, SourceListener listener)
      throws IOException {
    require(backup);
    MyCopyServer server;
    try {
      server = MyCopyServer.start(tools.server(), restored, original);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(Reason.CANCELLED, "interrupted while the restored copy started");
    }
    try (server) {
      String seconds = server.startup().toMillis() / 1000.0 + " s";
      listener.info("the restored copy took connections on port " + server.node().port() + " after " + seconds);
      List<String> checks = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      checks.add("started on the copy in " + seconds);
      long tables = 0;
      long rows = 0;
      MariaDbDriver reader = new MariaDbDriver();
      for (String database : backup.databases()) {
        try {
          List<TableReport> contents = reader.contents(server.node(), database);
          tables += contents.size();
          rows += contents.stream().mapToLong(TableReport::rows).sum();
          listener.info("database " + database + ": read " + contents.size() + " tables");
        } catch (IOException e) {
          problems.add("database " + database + " cannot be read completely: " + e.getMessage());
        }
      }
      if (problems.isEmpty()) {
        checks.add("read every row of " + tables + " tables in " + backup.databases().size() + " databases (" + rows
            + " rows)");
      }
      return new PhysicalCheck(server.startup(), checks, problems, tables, rows);
    }
  }

  private static void require(PhysicalReport backup) throws SourceException {
    if (backup.engine() != Engine.MARIADB) {
      throw new SourceException(Reason.INVALID_REQUEST, "the backup is of a " + backup.engine().id()
          + " node, not a mariadb one");
    }
  }
}
