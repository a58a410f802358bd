package io.coffer.source.postgres;

import io.coffer.model.Engine;
import io.coffer.source.NodeAccess;
import io.coffer.source.PhysicalCheck;
import io.coffer.source.PhysicalDriver;
import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRequest;
import io.coffer.source.PhysicalRestored;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamSink;
import io.coffer.source.StreamSource;
import io.coffer.source.TableReport;
import io.coffer.source.TreeSink;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PHYSICAL backups of PostgreSQL: {@link PgBaseBackup} copies, {@link PgBaseRestore} completes a
 * restored data directory, and verification starts a {@link PgCopyServer} on it and reads every
 * table of every database the backup recorded.
 */
public final class PgPhysicalDriver implements PhysicalDriver {

  private final PgTools tools;

  public PgPhysicalDriver() {
    this.tools = PgTools.standard();
  }

  @Override
  public Engine engine() {
    return Engine.POSTGRESQL;
  }

  @Override
  public PhysicalReport backup(PhysicalRequest request, TreeSink trees, StreamSink streams, SourceListener listener)
      throws IOException {
    request.node().require(Engine.POSTGRESQL);
    return new PgBaseBackup(request).run(trees, streams, listener);
  }

  @Override
  public PhysicalRestored restore(PhysicalReport backup, StreamSource streams, Path target, SourceListener listener)
      throws IOException {
    require(backup);
    return new PgBaseRestore(backup).run(streams, target, listener);
  }

  @Override
  public PhysicalCheck verify(PhysicalReport backup, Path restored, NodeAccess original, SourceListener listener)
      throws IOException {
    require(backup);
    Path bin = tools.serverPrograms(backup.serverVersion()).bin();
    PgCopyServer server;
    try {
      server = PgCopyServer.start(bin, restored, original);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(Reason.CANCELLED, "interrupted while the restored copy started");
    }
    try (server) {
      listener.info("the restored copy recovered and took connections on port " + server.node().port() + " after "
          + server.startup().toMillis() / 1000.0 + " s");
      List<String> checks = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      checks.add("started on the copy and recovered in " + server.startup().toMillis() / 1000.0 + " s");
      checkControl(backup, server.node(), checks, problems);
      long tables = 0;
      long rows = 0;
      PostgresDriver reader = new PostgresDriver();
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
        checks.add("read every row of " + tables + " tables in " + backup.databases().size() + " databases ("
            + rows + " rows)");
      }
      return new PhysicalCheck(server.startup(), checks, problems, tables, rows);
    }
  }

  /** The copy is the backed-up cluster, out of recovery, at or past the backup's stop LSN. */
  private static void checkControl(PhysicalReport backup, NodeAccess copy, List<String> checks, List<String> problems)
      throws IOException {
    try (PgConnector connector = new PgConnector(copy);
        Connection c = connector.openMaintenance();
        PreparedStatement s = c.prepareStatement("SELECT system_identifier::text, pg_is_in_recovery(),"
            + " pg_current_wal_lsn() >= ?::pg_lsn FROM pg_control_system()")) {
      s.setString(1, backup.stop());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        String identifier = r.getString(1);
        // pg_control keeps the identifier unsigned; the SQL function shows it as a signed bigint.
        String recorded = Long.toString(Long.parseUnsignedLong(backup.detail("system_identifier")));
        if (!identifier.equals(recorded)) {
          problems.add("the copy's system identifier " + identifier + " is not the backup's " + recorded);
        } else if (r.getBoolean(2)) {
          problems.add("the copy is still in recovery");
        } else if (!r.getBoolean(3)) {
          problems.add("the copy's WAL ends before the backup's stop LSN " + backup.stop());
        } else {
          checks.add("same cluster (system identifier " + recorded + "), recovered past the stop LSN " + backup.stop());
        }
      }
    } catch (SQLException e) {
      problems.add("the copy does not answer: " + e.getMessage());
    }
  }

  private static void require(PhysicalReport backup) throws SourceException {
    if (backup.engine() != Engine.POSTGRESQL) {
      throw new SourceException(Reason.INVALID_REQUEST, "the backup is of a " + backup.engine().id()
          + " node, not a postgresql one");
    }
  }
}
