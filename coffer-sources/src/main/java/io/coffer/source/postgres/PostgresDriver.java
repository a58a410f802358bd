package io.coffer.source.postgres;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
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
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** PostgreSQL nodes: kinds FULL, SCHEMA, DATA and CLUSTER. See the package documentation. */
public final class PostgresDriver implements SourceDriver {

  private final PgTools tools;

  /** Finds pg_dump and psql under /usr/lib/postgresql/&lt;version&gt;/bin and on PATH. */
  public PostgresDriver() {
    this.tools = PgTools.standard();
  }

  /** Finds pg_dump and psql only in the given directories. */
  public PostgresDriver(List<Path> toolDirectories) {
    this.tools = new PgTools(toolDirectories);
  }

  @Override
  public Engine engine() {
    return Engine.POSTGRESQL;
  }

  @Override
  public Set<Kind> kinds() {
    return EnumSet.of(Kind.FULL, Kind.SCHEMA, Kind.DATA, Kind.CLUSTER);
  }

  @Override
  public List<String> databases(NodeAccess node) throws IOException {
    node.require(Engine.POSTGRESQL);
    try (PgConnector connector = new PgConnector(node);
        Connection c = connector.openMaintenance()) {
      return PgCatalog.databases(c);
    } catch (SQLException e) {
      throw new SourceException(Reason.SERVER_ERROR, node.label() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public OptionalLong size(NodeAccess node, List<String> databases) throws IOException {
    node.require(Engine.POSTGRESQL);
    try (PgConnector connector = new PgConnector(node);
        Connection c = connector.openMaintenance()) {
      return OptionalLong.of(PgCatalog.databasesSize(c, databases));
    } catch (SQLException e) {
      throw new SourceException(Reason.SERVER_ERROR, node.label() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public BackupReport backup(BackupRequest request, StreamSink sink, SourceListener listener)
      throws IOException {
    request.node().require(Engine.POSTGRESQL);
    return new PgBackup(request, new RecordingSink(sink, listener), listener, tools).run();
  }

  @Override
  public RestorePlan plan(BackupReport backup, RestoreRequest request) throws IOException {
    request.target().require(Engine.POSTGRESQL);
    backup.requireEngine(Engine.POSTGRESQL);
    return new PgRestorePlanner(backup, request, tools).plan();
  }

  @Override
  public RestoreReport carryOut(
      BackupReport backup, RestoreRequest request, RestorePlan plan, StreamSource source, SourceListener listener)
      throws IOException {
    return new PgRestore(backup, request, tools).run(plan, source, listener);
  }

  @Override
  public void discard(NodeAccess node, RestoreReport restored) throws IOException {
    node.require(Engine.POSTGRESQL);
    List<String> problems;
    try (PgConnector connector = new PgConnector(node);
        Connection c = connector.openMaintenanceAvoiding(new java.util.HashSet<>(restored.databases()))) {
      problems = PgRestore.drop(c, restored.databases(), restored.rolesCreated(), PgCatalog.serverVersionNum(c));
    } catch (SQLException e) {
      throw new SourceException(Reason.SERVER_ERROR, node.label() + ": " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      throw new SourceException(Reason.SERVER_ERROR, node.label() + ": " + String.join("; ", problems));
    }
  }

  @Override
  public List<TableReport> contents(NodeAccess node, String database) throws IOException {
    return contents(node, database, List.of());
  }

  /** Tables the backup recorded in binary COPY are read back in it; all others as text. */
  @Override
  public List<TableReport> contents(NodeAccess node, String database, List<TableReport> recorded)
      throws IOException {
    node.require(Engine.POSTGRESQL);
    Set<String> binary = new HashSet<>();
    for (TableReport t : recorded) {
      if (t.binary()) {
        binary.add(t.qualifiedName());
      }
    }
    try (PgConnector connector = new PgConnector(node);
        Connection c = connector.open(database)) {
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      List<TableReport> out = new ArrayList<>();
      for (PgTable found : PgCatalog.tables(c)) {
        PgTable t = found.withBinary(binary.contains(found.schema() + "." + found.name()));
        CopyDigestStream rows = CopyDigestStream.of(t, null);
        copy.copyOut(t.copyOut(), rows);
        rows.finish();
        out.add(TableReport.content(t.schema(), t.name(), rows.digest().rows(), rows.digest().checksum()));
      }
      c.rollback();
      out.sort(
          java.util.Comparator.comparing(TableReport::schema).thenComparing(TableReport::table));
      return out;
    } catch (SQLException e) {
      throw new SourceException(
          Reason.SERVER_ERROR, node.label() + ", database " + database + ": " + e.getMessage(), e);
    }
  }

}
