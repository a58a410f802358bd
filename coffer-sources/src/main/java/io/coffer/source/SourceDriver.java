package io.coffer.source;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a consistent image of databases from a node as named streams, and writes one back. One
 * implementation per {@link Engine}; obtain them from {@link SourceDrivers}. Implementations are
 * thread-safe and hold no state between calls.
 */
public interface SourceDriver {

  Engine engine();

  /**
   * The kinds this driver produces. It is the one list of what a node of its engine can back up:
   * the engine refuses a definition or one-off of any other kind when it is added, and this driver
   * refuses a request of any other kind.
   */
  Set<Kind> kinds();

  /** The node's databases that a backup can select (templates and system databases excluded). */
  List<String> databases(NodeAccess node) throws IOException;

  /**
   * The bytes the node reports for these databases together, when it can tell in one cheap question
   * (the engine warms the volume's hot paths up only for a backup large enough to pay for it);
   * empty when this driver cannot tell.
   */
  default OptionalLong size(NodeAccess node, List<String> databases) throws IOException {
    return OptionalLong.empty();
  }

  /**
   * Backs up the selected databases into the sink. On failure every child process and connection
   * has been stopped when this throws; streams already written are incomplete and must be
   * discarded by the caller.
   */
  BackupReport backup(BackupRequest request, StreamSink sink, SourceListener listener)
      throws IOException;

  /** Computes what restoring this backup with this request would do, changing nothing. */
  RestorePlan plan(BackupReport backup, RestoreRequest request) throws IOException;

  /**
   * Restores a backup: computes the plan, hands it to {@link SourceListener#planned}, stops there
   * for a dry run, otherwise carries it out. On failure what the restore created is removed (unless
   * {@link RestoreRequest#keepFailed()}) and the exception says so.
   */
  default RestoreReport restore(
      BackupReport backup, RestoreRequest request, StreamSource source, SourceListener listener)
      throws IOException {
    RestorePlan plan = plan(backup, request);
    listener.planned(plan);
    if (request.dryRun()) {
      return RestoreReport.dryRun(plan);
    }
    return carryOut(backup, request, plan, source, listener);
  }

  /** Carries out a plan {@link #plan} computed; called by {@link #restore} unless it is a dry run. */
  RestoreReport carryOut(
      BackupReport backup, RestoreRequest request, RestorePlan plan, StreamSource source, SourceListener listener)
      throws IOException;

  /**
   * Removes what a restore created on {@code node}: the databases it restored ({@link
   * RestoreReport#databases()}) and the roles or accounts it created ({@link
   * RestoreReport#rolesCreated()}). For restores that exist only to be checked, such as a
   * verification. What is already gone is skipped; everything is attempted, and a failure names
   * whatever is left behind.
   */
  void discard(NodeAccess node, RestoreReport restored) throws IOException;

  /**
   * Per-table row counts and content checksums of a database as it is now, computed the way the
   * backup computed them, so a restored database can be compared with {@link
   * ContentCheck#differences}.
   */
  List<TableReport> contents(NodeAccess node, String database) throws IOException;

  /**
   * {@link #contents(NodeAccess, String)} of a database restored from a backup that recorded {@code
   * recorded}: each table is read in the form its stream had ({@link TableReport#format()}), so the
   * checksums compare. Drivers whose tables have one form need not override it.
   */
  default List<TableReport> contents(NodeAccess node, String database, List<TableReport> recorded)
      throws IOException {
    return contents(node, database);
  }
}
