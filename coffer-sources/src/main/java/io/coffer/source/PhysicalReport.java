package io.coffer.source;

import io.coffer.model.Engine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code PHYSICAL} backup holds and what its restore and verification need.
 *
 * @param engine the node's engine
 * @param node where the node is ({@link NodeAccess#label()})
 * @param serverVersion the server's version; the copy starts only under the same major version
 * @param tool the program that read the files and its version
 * @param dataDirectory the data directory as it was on the node's host
 * @param started when the copy began (PostgreSQL: after pg_backup_start)
 * @param finished when the copy ended (PostgreSQL: after the WAL up to pg_backup_stop was stored)
 * @param consistency what the copy's consistency rests on, in words
 * @param start where the copy starts in the server's log (PostgreSQL: the backup's start LSN)
 * @param stop the point a restore recovers to (PostgreSQL: pg_backup_stop's LSN; MariaDB: the
 *     InnoDB LSN mariadb-backup reached)
 * @param databases the databases the server had when the copy started; verification reads them all
 * @param tree the data directory stored as a tree, or null when everything is in streams
 * @param linkedTrees directories outside the data directory that it links to, each stored as a tree
 *     of its own (PostgreSQL's tablespaces); empty for a backup recorded before they were copied
 * @param streams the streams, in the order a restore writes them
 * @param changedWhileRead files of the tree that changed while they were read (expected: the log
 *     written between start and stop repairs them)
 * @param details engine-specific facts (system identifier, configuration files outside the data
 *     directory, the data directory's owner; for an increment, the backup it builds on)
 */
public record PhysicalReport(Engine engine, String node, String serverVersion, String tool, String dataDirectory,
    Instant started, Instant finished, String consistency, String start, String stop, List<String> databases,
    TreeSink.TreeWritten tree, List<LinkedTree> linkedTrees, List<StreamReport> streams, long changedWhileRead,
    Map<String, String> details) {

  public PhysicalReport {
    databases = List.copyOf(databases);
    linkedTrees = linkedTrees == null ? List.of() : List.copyOf(linkedTrees);
    streams = List.copyOf(streams);
    details = Map.copyOf(details);
  }

  /** The bytes of the data directory's tree and the trees it links to. */
  public long treeBytes() {
    return (tree == null ? 0 : tree.bytes()) + linkedTrees.stream().mapToLong(t -> t.tree().bytes()).sum();
  }

  /**
   * The detail naming the manifest (in the same volume) of the backup this one is an increment on:
   * a restore writes that one (and its own base, down to a full copy) first.
   */
  public static final String INCREMENT_OF_MANIFEST = "increment_of_manifest";

  /** The detail naming the catalog id of the backup this one is an increment on, for messages. */
  public static final String INCREMENT_OF_BACKUP = "increment_of_backup";

  /** The manifest of the backup this one is an increment on; empty for a full copy. */
  public Optional<String> baseManifest() {
    return Optional.ofNullable(details.get(INCREMENT_OF_MANIFEST)).filter(m -> !m.isBlank());
  }

  /** A detail the driver recorded, or null. */
  public String detail(String key) {
    return details.get(key);
  }
}
