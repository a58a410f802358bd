package io.coffer.catalog.backup;

import io.coffer.catalog.CatalogSettings;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.DuplicateNameException;
import io.coffer.catalog.InUseException;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.run.InterruptedRuns;
import io.coffer.catalog.run.Runner;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Dependents;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import io.coffer.model.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Records backups and answers questions about them.
 *
 * <p>The list query is the hot path ({@code backup list --node X} over a million rows): it filters
 * and orders on {@code (node_id, started_at, id)} so the database reads the newest rows of one node
 * straight off the index and stops after {@code limit}; names are joined in only for those rows.
 */
public final class BackupRepository {

  // The latest verification's status per backup: one index probe of verification_backup per row returned.
  private static final String SELECT = "select b.*, n.name as node_name, a.name as agent_name, v.name as volume_name,"
      + " (select vr.status from verification vr where vr.backup_id = b.id order by vr.started_at desc, vr.id desc"
      + " limit 1) as verification_status"
      + " from backup b join node n on n.id = b.node_id join volume v on v.id = b.volume_id"
      + " left join agent a on a.id = b.agent_id";

  private final Store store;
  private final BackupStatistics statistics;

  public BackupRepository(Store store) {
    this.store = store;
    this.statistics = new BackupStatistics(store);
  }

  /**
   * Records a backup that is starting, as RUNNING. Refused for a node that is DOWN, a kind its
   * engine cannot produce, an incremental without a suitable parent, or a definition of another
   * node.
   */
  public Backup start(BackupStart start) {
    return store.change(new Change("backup start", "node " + start.node(), start.toString()),
        handle -> load(handle, insert(handle, start, true)), backup -> "ok: backup " + backup.id());
  }

  /** Records how a RUNNING backup ended; its expiry is computed from the finish time. */
  public Backup finish(long id, BackupResult result) {
    return store.change(new Change("backup finish", "backup " + id, result.toString()), handle -> {
      Backup backup = load(handle, Lookup.require(handle, Table.BACKUP, id));
      if (backup.status() != BackupStatus.RUNNING) {
        throw new CatalogValidationException("backup", id, "backup " + id + " is " + backup.status(), "a RUNNING backup");
      }
      complete(handle, backup, result);
      return load(handle, id);
    });
  }

  /**
   * Records a backup that already ended, in one step: results an agent kept in its pending file
   * while the catalog was unreachable (DESIGN rule 3), or backups found in a volume when the
   * catalog is rebuilt. The node's status does not matter: the backup happened.
   */
  public Backup record(BackupStart start, BackupResult result) {
    return store.change(new Change("backup record", "node " + start.node(), start + " " + result), handle -> {
      long id = insert(handle, start, false);
      complete(handle, load(handle, id), result);
      return load(handle, id);
    }, backup -> "ok: backup " + backup.id());
  }

  /** The backups that pass the filter, newest first. */
  public List<Backup> list(BackupFilter filter) {
    return store.read(handle -> {
      StringBuilder sql = new StringBuilder(SELECT).append(" where 1 = 1");
      Long node = filter.node() == null ? null : Lookup.id(handle, Table.NODE, filter.node());
      if (filter.definition() != null) {
        Lookup.require(handle, Table.DEFINITION, filter.definition());
      }
      if (node != null) sql.append(" and b.node_id = :node");
      if (filter.definition() != null) sql.append(" and b.definition_id = :definition");
      if (filter.status() != null) sql.append(" and b.status = :status");
      if (filter.since() != null) sql.append(" and b.started_at >= :since");
      if (filter.database() != null) sql.append(" and ").append(containsDatabase());
      sql.append(" order by b.started_at desc, b.id desc limit :limit");
      Query query = handle.createQuery(sql).bind("limit", filter.limit());
      if (node != null) query.bind("node", node);
      if (filter.definition() != null) query.bind("definition", filter.definition());
      if (filter.status() != null) query.bind("status", filter.status().name());
      if (filter.since() != null) query.bind("since", filter.since().toEpochMilli());
      if (filter.database() != null) query.bind("database", "," + filter.database() + ",");
      return query.map(BackupRepository::map).list();
    });
  }

  /** The backup with this id, with everything the catalog knows about it. */
  public Backup show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.BACKUP, id)));
  }

  public BackupTotals stats(StatsScope scope) {
    return statistics.of(scope);
  }

  /**
   * The backup an incremental of {@code level} builds on: the newest SUCCEEDED backup of the
   * definition with a lower level.
   */
  public Optional<Backup> parentFor(long definitionId, int level) {
    return store.read(handle -> handle.createQuery(SELECT + " where b.definition_id = :definition and b.level < :level"
            + " and b.status = 'SUCCEEDED' order by b.started_at desc, b.id desc limit 1")
        .bind("definition", Lookup.require(handle, Table.DEFINITION, definitionId)).bind("level", level)
        .map(BackupRepository::map).findOne());
  }

  /**
   * Removes one backup from the catalog and returns it, for the engine to forget in its volume.
   * Refused while incremental backups build on it or restore definitions would restore it.
   */
  public Removal remove(long id) {
    return store.change(Change.of("backup remove", "backup " + id), handle -> {
      Lookup.require(handle, Table.BACKUP, id);
      Dependents.describe(handle, Table.BACKUP, id).ifPresent(dependents -> {
        throw new InUseException("backup", Long.toString(id), dependents, "remove them first");
      });
      return BackupForgetting.forget(handle, "id", id, "backup", Long.toString(id));
    }, Removal::toString);
  }

  private long insert(Handle handle, BackupStart start, boolean requireRunningNode) {
    long node = Lookup.id(handle, Table.NODE, start.node());
    long volume = Lookup.id(handle, Table.VOLUME, start.volume());
    Long agent = start.agent() == null ? null : Lookup.id(handle, Table.AGENT, start.agent());
    String status = handle.createQuery("select status from node where id = :id").bind("id", node).mapTo(String.class).one();
    if (requireRunningNode && "DOWN".equals(status)) {
      throw new CatalogValidationException("node", start.node(), "node " + start.node() + " is DOWN",
          "a RUNNING node; set the node RUNNING first");
    }
    if (start.definitionId() != null && start.oneoffId() != null) {
      throw new CatalogValidationException("one-off", start.oneoffId(), "a backup belongs to a definition or a one-off, not both");
    }
    requireSameNode(handle, Table.DEFINITION, start.definitionId(), node, start.node());
    requireSameNode(handle, Table.ONEOFF, start.oneoffId(), node, start.node());
    checkParent(handle, start, node);
    Instant started = start.startedAt() != null ? start.startedAt() : store.now();
    return InterruptedRuns.bindRunner(handle.createUpdate("insert into backup (definition_id, oneoff_id, node_id, agent_id, volume_id, databases,"
            + " kind, level, parent_id, started_at, status, expire, runner_host, runner_pid, runner_started) values"
            + " (:definition, :oneoff, :node, :agent, :volume, :databases, :kind, :level, :parent, :started, 'RUNNING',"
            + " :expire, :runnerHost, :runnerPid, :runnerStarted)")
        .bind("definition", start.definitionId())
        .bind("oneoff", start.oneoffId())
        .bind("node", node)
        .bind("agent", agent)
        .bind("volume", volume)
        .bind("databases", String.join(",", start.databases()))
        .bind("kind", start.kind().name())
        .bind("level", start.level())
        .bind("parent", start.parentId())
        .bind("started", started.toEpochMilli())
        .bind("expire", start.expire() == null ? null : start.expire().toString()), Runner.current())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  /** A backup on behalf of a definition or one-off must be of that definition's or one-off's node. */
  private static void requireSameNode(Handle handle, Table owner, Long id, long node, String nodeReference) {
    if (id == null) {
      return;
    }
    Lookup.require(handle, owner, id);
    long ownerNode = handle.createQuery("select node_id from " + owner.sqlName() + " where id = :id").bind("id", id)
        .mapTo(Long.class).one();
    if (ownerNode != node) {
      throw new CatalogValidationException(owner.field(), id, owner.field() + " " + id + " backs up another node",
          "a " + owner.field() + " of node " + nodeReference);
    }
  }

  private static void checkParent(Handle handle, BackupStart start, long node) {
    if (start.level() == 0) {
      if (start.parentId() != null) {
        throw new CatalogValidationException("parent", start.parentId(), "a level-0 backup has no parent");
      }
      return;
    }
    String accepted = "a SUCCEEDED backup of the same node with a level below " + start.level();
    if (start.parentId() == null) {
      throw new CatalogValidationException("parent", null, accepted);
    }
    Lookup.require(handle, Table.BACKUP, start.parentId());
    boolean suitable = handle.createQuery("select count(*) from backup where id = :id and node_id = :node"
            + " and level < :level and status = 'SUCCEEDED'")
        .bind("id", start.parentId()).bind("node", node).bind("level", start.level()).mapTo(Long.class).one() == 1;
    if (!suitable) {
      throw new CatalogValidationException("parent", start.parentId(), accepted);
    }
  }

  private void complete(Handle handle, Backup backup, BackupResult result) {
    Instant finished = result.finishedAt() != null ? result.finishedAt() : store.now();
    if (finished.isBefore(backup.startedAt())) {
      throw new CatalogValidationException("finished-at", finished, "a time not before the start, " + backup.startedAt());
    }
    if (result.manifestId() != null) {
      handle.createQuery("select id from backup b where manifest_id = :manifest"
              + " and volume_id = (select volume_id from backup where id = :id)")
          .bind("manifest", result.manifestId()).bind("id", backup.id()).mapTo(Long.class).findOne()
          .ifPresent(other -> {
            throw new DuplicateNameException("manifest-id", result.manifestId(), "backup " + other);
          });
    }
    Instant expires = result.status() == BackupStatus.SUCCEEDED ? expiry(handle, backup.id(), finished) : null;
    handle.createUpdate("update backup set status = :status, finished_at = :finished, duration_ms = :duration,"
            + " manifest_id = :manifest, bytes_read = :read, bytes_new = :fresh, bytes_stored = :stored, error = :error,"
            + " log_tail = :logTail, checksum = :checksum, server_version = :server, tool_version = :tool,"
            + " roles = :roles, expires_at = :expires where id = :id")
        .bind("status", result.status().name())
        .bind("finished", finished.toEpochMilli())
        .bind("duration", Duration.between(backup.startedAt(), finished).toMillis())
        .bind("manifest", result.manifestId())
        .bind("read", result.bytesRead())
        .bind("fresh", result.bytesNew())
        .bind("stored", result.bytesStored())
        .bind("error", result.errorText())
        .bind("logTail", result.logTailText())
        .bind("checksum", result.checksumText())
        .bind("server", result.serverVersion())
        .bind("tool", result.toolVersion())
        .bind("roles", String.join("\n", result.roles()))
        .bind("expires", Columns.millis(expires))
        .bind("id", backup.id())
        .execute();
    if (!result.reportJson().isEmpty()) {
      handle.createUpdate("insert into backup_report (backup_id, report) values (:id, :report)")
          .bind("id", backup.id()).bind("report", result.reportJson()).execute();
    }
  }

  /**
   * How many backups of a definition succeeded (and are still in the catalog): what "every Nth
   * backup" of a definition counts.
   */
  public long succeededCount(long definitionId) {
    return store.read(handle -> handle.createQuery(
            "select count(*) from backup where definition_id = :definition and status = 'SUCCEEDED'")
        .bind("definition", Lookup.require(handle, Table.DEFINITION, definitionId)).mapTo(Long.class).one());
  }

  /**
   * The backups the catalog records with a manifest in {@code volume}, by manifest id: what a
   * rebuild of the catalog from that volume compares the volume's manifests with. One light row each.
   */
  public Map<String, Long> manifestsIn(String volume) {
    return store.read(handle -> {
      long id = Lookup.id(handle, Table.VOLUME, volume);
      Map<String, Long> out = new HashMap<>();
      handle.createQuery("select manifest_id, id from backup where volume_id = :volume and manifest_id is not null")
          .bind("volume", id).map((row, ctx) -> Map.entry(row.getString(1), row.getLong(2)))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    });
  }

  /** The driver's report of a backup as JSON; empty when none was recorded. */
  public Optional<String> report(long id) {
    return store.read(handle -> {
      Lookup.require(handle, Table.BACKUP, id);
      return handle.createQuery("select report from backup_report where backup_id = :id").bind("id", id)
          .mapTo(String.class).findOne();
    });
  }

  /** The backup's own expire, else its definition's or one-off's retention period, else none. */
  private static Instant expiry(Handle handle, long id, Instant finished) {
    var row = handle.createQuery("select b.expire, coalesce(d.retention_period, o.retention_period) as retention"
            + " from backup b left join definition d on d.id = b.definition_id left join oneoff o on o.id = b.oneoff_id"
            + " where b.id = :id")
        .bind("id", id).mapToMap().one();
    if (row.get("expire") != null) {
      return Expire.parse((String) row.get("expire")).after(finished);
    }
    if (row.get("retention") != null) {
      return RetentionPeriod.parse((String) row.get("retention")).after(finished);
    }
    return null;
  }

  /** A condition on {@code :database} (given as {@code ,name,}) being one of a backup's databases. */
  private String containsDatabase() {
    String position = store.dialect() == CatalogSettings.Dialect.SQLITE ? "instr" : "strpos";
    return position + "(',' || b.databases || ',', :database) > 0";
  }

  private static Backup load(Handle handle, long id) {
    return handle.createQuery(SELECT + " where b.id = :id").bind("id", id).map(BackupRepository::map).one();
  }

  static Backup map(ResultSet row, StatementContext context) throws SQLException {
    Long duration = Columns.nullableLong(row, "duration_ms");
    String roles = row.getString("roles");
    String databases = row.getString("databases");
    return Backup.of(row.getLong("id"), row.getString("node_name"), row.getString("volume_name"),
            Kind.valueOf(row.getString("kind")))
        .definition(Columns.nullableLong(row, "definition_id"))
        .oneoff(Columns.nullableLong(row, "oneoff_id"))
        .agent(row.getString("agent_name"))
        .databases(databases.isEmpty() ? List.of() : Arrays.asList(databases.split(",")))
        .manifest(row.getString("manifest_id"))
        .level(row.getInt("level"), Columns.nullableLong(row, "parent_id"))
        .startedAt(Columns.instant(row, "started_at"))
        .finishedAt(Columns.instant(row, "finished_at"))
        .duration(duration == null ? null : Duration.ofMillis(duration))
        .bytesRead(row.getLong("bytes_read"))
        .bytesNew(row.getLong("bytes_new"))
        .bytesStored(row.getLong("bytes_stored"))
        .status(BackupStatus.valueOf(row.getString("status")))
        .error(row.getString("error"))
        .logTail(row.getString("log_tail"))
        .expiresAt(Columns.instant(row, "expires_at"))
        .checksum(row.getString("checksum"))
        .serverVersion(row.getString("server_version"))
        .toolVersion(row.getString("tool_version"))
        .roles(roles.isEmpty() ? List.of() : Arrays.asList(roles.split("\n")))
        .verification(Objects.requireNonNullElse(row.getString("verification_status"), ""))
        .build();
  }
}
