package io.coffer.catalog.metrics;

import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Store;
import java.util.List;

/** Reads {@link CatalogMetrics}: a handful of grouped queries, cheap enough for a scrape every few seconds. */
public final class MetricsRepository {

  private final Store store;

  public MetricsRepository(Store store) {
    this.store = store;
  }

  /**
   * Every definition with its newest backup (any status), when it last succeeded and the newest
   * verification of that backup: what an overview shows, in one query that reads one backup per
   * definition through the index on (definition, started).
   */
  public List<DefinitionState> overview() {
    return store.read(handle -> handle.createQuery("select d.id, n.name as node, a.name as agent, d.databases,"
            + " d.status as definition_status, b.id as backup_id, b.status, b.kind, b.level, b.started_at, b.finished_at,"
            + " b.error, b.bytes_stored,"
            + " (select max(x.finished_at) from backup x where x.definition_id = d.id and x.status = 'SUCCEEDED')"
            + " as last_success,"
            + " (select v.status from verification v where v.backup_id = b.id order by v.started_at desc limit 1)"
            + " as verification"
            + " from definition d join node n on n.id = d.node_id join agent a on a.id = d.agent_id"
            + " left join backup b on b.id = (select y.id from backup y where y.definition_id = d.id"
            + " order by y.started_at desc, y.id desc limit 1)"
            + " order by n.name, d.id")
        .map((row, ctx) -> new DefinitionState(row.getLong("id"), row.getString("node"), row.getString("agent"),
            row.getString("databases"), row.getString("definition_status"), Columns.nullableLong(row, "backup_id"),
            row.getString("status"), row.getString("kind"), Columns.nullableInt(row, "level"),
            Columns.instant(row, "started_at"), Columns.instant(row, "finished_at"), row.getString("error"),
            Columns.nullableLong(row, "bytes_stored"), Columns.instant(row, "last_success"),
            row.getString("verification")))
        .list());
  }

  /** One row of {@link #overview()}; the backup's fields are null for a definition never run. */
  public record DefinitionState(long definition, String node, String agent, String databases, String status,
      Long backup, String backupStatus, String kind, Integer level, java.time.Instant startedAt,
      java.time.Instant finishedAt, String error, Long bytesStored, java.time.Instant lastSuccess,
      String verification) {}

  public CatalogMetrics snapshot() {
    return store.read(handle -> {
      // backup_totals holds these sums, kept by triggers: a few rows, not a scan of every backup.
      List<CatalogMetrics.BackupGroup> backups = handle.createQuery("select n.name as node, t.kind, t.status,"
              + " sum(t.backups) as n, sum(t.bytes_read) as r, sum(t.bytes_new) as w, sum(t.bytes_stored) as s,"
              + " sum(t.duration_ms) as d from backup_totals t join node n on n.id = t.node_id"
              + " group by n.name, t.kind, t.status order by n.name, t.kind, t.status")
          .map((row, ctx) -> new CatalogMetrics.BackupGroup(row.getString("node"), row.getString("kind"),
              row.getString("status"), row.getLong("n"), row.getLong("r"), row.getLong("w"), row.getLong("s"),
              row.getLong("d")))
          .list();
      List<CatalogMetrics.LastSuccess> last = handle.createQuery("select b.definition_id, n.name as node,"
              + " b.finished_at, coalesce(b.duration_ms, 0) as d from backup b join node n on n.id = b.node_id"
              + " where b.status = 'SUCCEEDED' and b.definition_id is not null and b.finished_at = (select"
              + " max(x.finished_at) from backup x where x.definition_id = b.definition_id and x.status = 'SUCCEEDED')"
              + " order by b.definition_id")
          .map((row, ctx) -> new CatalogMetrics.LastSuccess(row.getLong("definition_id"), row.getString("node"),
              Columns.instant(row, "finished_at"), row.getLong("d")))
          .list();
      List<CatalogMetrics.Count> verifications = handle.createQuery("select status, count(*) as n from verification"
              + " group by status order by status")
          .map((row, ctx) -> new CatalogMetrics.Count(row.getString("status"), row.getLong("n"))).list();
      int queued = handle.createQuery("select count(*) from job where state = 'QUEUED'").mapTo(Integer.class).one();
      Long oldest = handle.createQuery("select min(created_at) from job where state = 'QUEUED'").mapTo(Long.class)
          .one();
      int running = handle.createQuery("select count(*) from job where state = 'RUNNING'").mapTo(Integer.class).one();
      List<CatalogMetrics.AgentBeat> agents = handle.createQuery("select name, last_heartbeat, alive_until from agent"
              + " order by name")
          .map((row, ctx) -> new CatalogMetrics.AgentBeat(row.getString("name"), Columns.instant(row, "last_heartbeat"),
              Columns.instant(row, "alive_until")))
          .list();
      List<CatalogMetrics.VolumeSize> volumes = handle.createQuery("select v.name, coalesce(sum(b.bytes_stored), 0) as s,"
              + " count(b.id) as n from volume v left join backup b on b.volume_id = v.id and b.status = 'SUCCEEDED'"
              + " group by v.name order by v.name")
          .map((row, ctx) -> new CatalogMetrics.VolumeSize(row.getString("name"), row.getLong("s"), row.getLong("n")))
          .list();
      return new CatalogMetrics(backups, last, verifications, queued,
          oldest == null ? null : java.time.Instant.ofEpochMilli(oldest), running, agents, volumes);
    });
  }
}
