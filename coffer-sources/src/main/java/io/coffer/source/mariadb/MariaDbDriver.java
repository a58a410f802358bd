package io.coffer.source.mariadb;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.MemberSelector;
import io.coffer.source.NodeAccess;
import io.coffer.source.RecordingSink;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceDriver;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSink;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MariaDB (and MySQL) nodes: kinds FULL, SCHEMA, DATA and CLUSTER. The job count does not apply: one
 * dump invocation is what makes the members consistent.
 */
public final class MariaDbDriver implements SourceDriver {

  private final MyTools tools;

  /** Finds mariadb-dump/mysqldump and mariadb/mysql on PATH. */
  public MariaDbDriver() {
    this.tools = MyTools.standard();
  }

  /** Finds the client tools only in the given directories. */
  public MariaDbDriver(List<Path> toolDirectories) {
    this.tools = new MyTools(toolDirectories);
  }

  @Override
  public Engine engine() {
    return Engine.MARIADB;
  }

  @Override
  public Set<Kind> kinds() {
    return EnumSet.of(Kind.FULL, Kind.SCHEMA, Kind.DATA, Kind.CLUSTER);
  }

  @Override
  public List<String> databases(NodeAccess node) throws IOException {
    node.require(Engine.MARIADB);
    try (MyConnector connector = new MyConnector(node);
        Connection c = connector.open(null)) {
      return MyBackup.databases(c);
    } catch (SQLException e) {
      throw new SourceException(Reason.SERVER_ERROR, node.label() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public BackupReport backup(BackupRequest request, StreamSink sink, SourceListener listener)
      throws IOException {
    request.node().require(Engine.MARIADB);
    return new MyBackup(request, new RecordingSink(sink, listener), listener, tools).run();
  }

  @Override
  public RestorePlan plan(BackupReport backup, RestoreRequest request) throws IOException {
    request.target().require(Engine.MARIADB);
    backup.requireEngine(Engine.MARIADB);
    return new MyRestorePlanner(backup, request, tools).plan();
  }

  @Override
  public RestoreReport carryOut(
      BackupReport backup, RestoreRequest request, RestorePlan plan, StreamSource source, SourceListener listener)
      throws IOException {
    return new MyRestore(backup, request, tools).run(plan, source, listener);
  }

  @Override
  public void discard(NodeAccess node, RestoreReport restored) throws IOException {
    node.require(Engine.MARIADB);
    List<String> problems = new ArrayList<>();
    try (MyConnector connector = new MyConnector(node);
        Connection c = connector.open(null)) {
      for (String db : restored.databases()) {
        try {
          MyRestore.execute(c, "DROP DATABASE IF EXISTS " + MyAccounts.quote(db));
        } catch (SQLException e) {
          problems.add("could not drop " + db + ": " + e.getMessage());
        }
      }
      for (String label : restored.rolesCreated()) {
        MyAccountWriter.drop(c, MyAccount.ofLabel(label)).ifPresent(problems::add);
      }
    } catch (SQLException e) {
      throw new SourceException(Reason.SERVER_ERROR, node.label() + ": " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      throw new SourceException(Reason.SERVER_ERROR, node.label() + ": " + String.join("; ", problems));
    }
  }

  /** Dumps the database's data the way a backup does and hashes the rows as they pass. */
  @Override
  public List<TableReport> contents(NodeAccess node, String database) throws IOException {
    node.require(Engine.MARIADB);
    MemberSelector.one(database).resolve(databases(node), node.label());
    try (MyConnector connector = new MyConnector(node)) {
      List<String> argv = new ArrayList<>();
      argv.add(tools.dump().toString());
      argv.addAll(connector.clientArguments());
      argv.addAll(MyBackup.dumpOptions(Kind.DATA));
      argv.add("--databases");
      argv.add(database);
      DumpSplitter splitter = new DumpSplitter(name -> java.io.OutputStream.nullOutputStream(), Map.of(database, database));
      try (splitter) {
        ChildProcess.run(new Command("verification dump of " + database, argv), null, splitter, new Cancellation());
      }
      List<TableReport> out = new ArrayList<>();
      for (TableReport t : MyBackup.tables(splitter.scanners().get(database).tables(), null)) {
        out.add(TableReport.content(null, t.table(), t.rows(), t.checksum()));
      }
      return out;
    }
  }

}
